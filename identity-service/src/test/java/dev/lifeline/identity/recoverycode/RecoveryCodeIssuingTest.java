package dev.lifeline.identity.recoverycode;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.Topics;
import dev.lifeline.messaging.KafkaTestClient;
import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.identity.testing.IdentityTest;
import dev.lifeline.identity.testing.TestAccounts;
import dev.lifeline.identity.testing.TestAccounts.Owner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static dev.lifeline.messaging.KafkaTestClient.header;
import static dev.lifeline.identity.testing.Api.anonymous;
import static dev.lifeline.identity.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

@IdentityTest
class RecoveryCodeIssuingTest {

    @Inject
    TestAccounts accounts;

    @Inject
    RecoveryCodes codes;

    @Test
    void theGatewayGetsTenDistinctCodesOnceNeverCached() {
        Owner owner = accounts.create();

        Response response = issue(owner.id(), TestTokens.gatewayFor(owner.id()));

        response.then().statusCode(201).header("Cache-Control", "no-store");
        List<String> issued = response.jsonPath().getList("codes", String.class);
        assertThat(issued).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(RecoveryCodeFormat.normalise(code)).isPresent());
        assertThat(response.jsonPath().getString("accountId")).isEqualTo(owner.id().toString());
        assertThat(codes.codesLeft(owner.id())).isEqualTo(10);
    }

    @Test
    void issuingAgainReplacesTheWholeSet() {
        Owner owner = accounts.create();
        List<String> first = codesOf(issue(owner.id(), TestTokens.gatewayFor(owner.id())));

        List<String> second = codesOf(issue(owner.id(), TestTokens.gatewayFor(owner.id())));

        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(codes.codesLeft(owner.id())).isEqualTo(10);
        assertThat(storedHashes(owner.id())).hasSize(10);
    }

    @Test
    void concurrentIssuesLeaveExactlyOneSet() {
        Owner owner = accounts.create();
        List<Supplier<Integer>> requests = IntStream.range(0, 6)
                .<Supplier<Integer>>mapToObj(i -> () -> issue(owner.id(), TestTokens.gatewayFor(owner.id())).statusCode())
                .toList();

        List<Integer> statuses = AtOnce.run(requests);

        assertThat(statuses).containsOnly(201);
        assertThat(codes.codesLeft(owner.id())).isEqualTo(10);
    }

    @Test
    void onlyTheGatewayMayIssueNotEvenAnAdminWhoCouldThenRecoverTheAccount() {
        Owner owner = accounts.create();

        anonymous().post(path(owner.id())).then().statusCode(401);
        issue(owner.id(), TestTokens.admin()).then().statusCode(403);
        issue(owner.id(), TestTokens.supportAgent()).then().statusCode(403);
        issue(owner.id(), TestTokens.supportSupervisor()).then().statusCode(403);
        assertThat(codes.codesLeft(owner.id())).isZero();
    }

    @Test
    void theGatewayIssuesOnlyForTheUserItsTokenIsBoundTo() {
        Owner owner = accounts.create();
        Owner other = accounts.create();

        issue(owner.id(), TestTokens.gateway()).then().statusCode(403).contentType("application/problem+json");
        issue(owner.id(), TestTokens.gatewayFor(other.id())).then().statusCode(403);
        assertThat(codes.codesLeft(owner.id())).isZero();
        issue(owner.id(), TestTokens.gatewayFor(owner.id())).then().statusCode(201);
    }

    @Test
    void anUnknownAccountIsA404ProblemAndAMalformedIdIsNotFoundEither() {
        UUID unknown = UUID.randomUUID();
        issue(unknown, TestTokens.gatewayFor(unknown)).then().statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.gateway()).post("/api/v1/accounts/not-a-uuid/recovery-codes").then().statusCode(404);
    }

    @Test
    void theOwnerIsToldThroughASchemaValidEventThatCarriesNoCode() {
        Owner owner = accounts.create();
        List<String> issued = codesOf(issue(owner.id(), TestTokens.gatewayFor(owner.id())));

        ConsumerRecord<String, String> record = issuedEventOf(owner.id());

        assertThat(record.key()).isEqualTo(owner.id().toString());
        EventSchemas.assertValid(EventType.RECOVERY_CODES_ISSUED, record.value());
        assertThat(record.value()).contains("\"codes\":10").contains(owner.email());
        issued.forEach(code -> assertThat(record.value())
                .doesNotContain(code).doesNotContain(RecoveryCodeFormat.normalise(code).orElseThrow()));
    }

    @Test
    void noCodeAppearsInAnyLogOrAuditLine() {
        Owner owner = accounts.create();
        List<String> issued;
        List<String> lines;
        try (LogLines logs = LogLines.all()) {
            issued = codesOf(issue(owner.id(), TestTokens.gatewayFor(owner.id())));
            lines = logs.lines();
        }

        assertThat(lines).anySatisfy(line -> assertThat(line).contains("recovery-codes.issue", "issued"));
        for (String code : issued) {
            String canonical = RecoveryCodeFormat.normalise(code).orElseThrow();
            assertThat(lines).noneSatisfy(line -> assertThat(line).containsAnyOf(code, canonical));
        }
    }

    static Response issue(UUID accountId, String token) {
        return as(token).post(path(accountId));
    }

    static List<String> codesOf(Response response) {
        return response.then().statusCode(201).extract().jsonPath().getList("codes", String.class);
    }

    private static String path(UUID accountId) {
        return "/api/v1/accounts/" + accountId + "/recovery-codes";
    }

    private static ConsumerRecord<String, String> issuedEventOf(UUID accountId) {
        List<ConsumerRecord<String, String>> read = KafkaTestClient.forApplication().readUntil(Topics.IDENTITY,
                record -> accountId.toString().equals(header(record, "ce_subject"))
                        && EventType.RECOVERY_CODES_ISSUED.ceType().equals(header(record, "ce_type")));
        return read.get(read.size() - 1);
    }

    private static List<RecoveryCode> storedHashes(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> RecoveryCode.list("accountId", accountId));
    }
}
