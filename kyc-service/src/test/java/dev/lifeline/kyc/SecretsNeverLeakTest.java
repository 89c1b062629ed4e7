package dev.lifeline.kyc;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.events.Assurance;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventType;
import dev.lifeline.events.Topics;
import dev.lifeline.messaging.KafkaTestClient;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.http.testing.LogLines;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No identity fact a profile holds or a claimant types appears in a log line, an answer, an event or a stored row
 * (security requirements 3 and 6): only hashes, masks and per-fact signals leave the request.
 */
@KycTest
class SecretsNeverLeakTest {

    /**
     * The profile's facts in every form they take (as registered, as typed, normalised) and what the wrong claimant
     * typed; compared ignoring case. The card's last 4 digits are left out: the masked view shows them by design.
     */
    private static final List<String> SECRETS = List.of(
            Profiles.ID_NUMBER, "11010519491231002x",
            // the birth date the ID number encodes
            "19491231",
            Profiles.ANSWERS.get(0), "Ｂｅｉｊｉｎｇ", "beijingno4middleschool", "beijing no 4 middle school", "beijing",
            "middle school", "middleschool",
            Profiles.ANSWERS.get(1), "旺 财",
            "北京",
            "张三",
            "shanghai", "小白", "广州");

    @Inject
    EntityManager entityManager;

    @Test
    void noIdentityFactAppearsInAnyLogLineAnswerEventOrStoredRow() {
        UUID account = Profiles.stored();
        List<String> answers = new ArrayList<>();
        List<String> logLines;
        List<ConsumerRecord<String, String>> records;
        TestRecovery confirmed;
        TestRecovery rejected;
        try (LogLines logs = LogLines.all()) {
            confirmed = Recoveries.of(account, Assurance.SUBSTANTIAL);
            rejected = Recoveries.of(account, Assurance.HIGH);

            answers.add(given().auth().oauth2(TestTokens.admin()).get("/api/v1/kyc-profiles/{id}", account)
                    .then().statusCode(200).extract().asString());
            answers.add(view(confirmed).then().statusCode(200).extract().asString());
            answers.add(view(rejected).then().statusCode(200).extract().asString());

            // A malformed body carrying facts: the 400 must not echo them.
            answers.add(given().header("Recovery-Token", confirmed.token()).contentType("application/json")
                    .body(Map.of("answers", Profiles.ANSWERS.get(1), "idNumber", Profiles.ID_NUMBER))
                    .post("/api/v1/identity-checks/{id}/evidence", confirmed.recoveryId())
                    .then().statusCode(400).extract().asString());
            answers.add(submit(confirmed, Profiles.everything()).then().statusCode(200).extract().asString());
            for (int i = 0; i < 3; i++) {
                answers.add(submit(rejected, Profiles.wrong()).then().statusCode(200).extract().asString());
            }
            answers.add(submit(rejected, Profiles.everything()).then().statusCode(404).extract().asString());

            PublishedEvents.awaitOne(confirmed.recoveryId(), EventType.IDENTITY_CONFIRMED);
            PublishedEvents.awaitOne(rejected.recoveryId(), EventType.IDENTITY_REJECTED);
            records = onKycTopic(account, confirmed.recoveryId(), rejected.recoveryId());
            logLines = logs.lines();
        }

        // Guards against passing vacuously: the requests were answered as intended and logged.
        assertThat(answers.get(0)).contains("ICBC ****4321");
        assertThat(answers).anyMatch(answer -> answer.contains("CONFIRMED"))
                .anyMatch(answer -> answer.contains("REJECTED"));
        assertThat(logLines).anyMatch(line -> line.contains("recovery=" + confirmed.recoveryId()))
                .anyMatch(line -> line.contains("recovery=" + rejected.recoveryId()));
        assertThat(records).hasSizeGreaterThanOrEqualTo(3);

        assertNoSecretIn("a log line", logLines);
        assertNoSecretIn("an answer", answers);
        assertNoSecretIn("a record on " + Topics.KYC, records.stream().map(SecretsNeverLeakTest::text).toList());
        assertNoSecretIn("a stored row", storedRows(account, confirmed.recoveryId(), rejected.recoveryId()));
    }

    private static void assertNoSecretIn(String where, List<String> texts) {
        for (String text : texts) {
            for (String secret : SECRETS) {
                assertThat(text).as("%s must not contain <%s>", where, secret).doesNotContainIgnoringCase(secret);
            }
        }
    }

    /** The records of the account (its profile) and of the two recoveries on kyc-service's topic, once all arrived. */
    private static List<ConsumerRecord<String, String>> onKycTopic(UUID account, UUID first, UUID second) {
        Set<String> ours = Set.of(account.toString(), first.toString(), second.toString());
        Set<String> awaited = new HashSet<>(ours);
        List<ConsumerRecord<String, String>> read = KafkaTestClient.forApplication().readUntil(Topics.KYC, record -> {
            awaited.remove(KafkaTestClient.header(record, CloudEventHeaders.SUBJECT));
            return awaited.isEmpty();
        });
        return read.stream().filter(record -> ours.contains(KafkaTestClient.header(record, CloudEventHeaders.SUBJECT)))
                .toList();
    }

    private static String text(ConsumerRecord<String, String> record) {
        StringBuilder text = new StringBuilder().append(record.key()).append('\n').append(record.value());
        for (Header header : record.headers()) {
            text.append('\n').append(header.key()).append('=')
                    .append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private List<String> storedRows(UUID account, UUID first, UUID second) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> rows = new ArrayList<>();
            rows.addAll(rows("SELECT row_to_json(p)::text FROM kyc_profile p WHERE p.account_id = :account",
                    Map.of("account", account), 1));
            rows.addAll(rows("SELECT row_to_json(q)::text FROM kyc_security_question q WHERE q.account_id = :account",
                    Map.of("account", account), 2));
            rows.addAll(rows("""
                            SELECT row_to_json(c)::text FROM identity_check c
                            WHERE c.recovery_id = :first OR c.recovery_id = :second""",
                    Map.of("first", first, "second", second), 2));
            rows.addAll(rows("""
                            SELECT row_to_json(o)::text FROM outbox_message o
                            WHERE o.subject = :account OR o.subject = :first OR o.subject = :second""",
                    Map.of("account", account.toString(), "first", first.toString(), "second", second.toString()), 3));
            return rows;
        });
    }

    private List<String> rows(String sql, Map<String, Object> parameters, int expected) {
        var query = entityManager.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        List<String> rows = ((List<?>) query.getResultList()).stream().map(Object::toString).toList();
        assertThat(rows).as(sql).hasSize(expected);
        return rows;
    }

    private static Response view(TestRecovery recovery) {
        return given().header("Recovery-Token", recovery.token()).get("/api/v1/identity-checks/{id}",
                recovery.recoveryId());
    }

    private static Response submit(TestRecovery recovery, Map<String, ?> evidence) {
        return given().header("Recovery-Token", recovery.token()).header("X-Forwarded-For", recovery.clientAddress())
                .contentType("application/json").body(evidence)
                .post("/api/v1/identity-checks/{id}/evidence", recovery.recoveryId());
    }
}
