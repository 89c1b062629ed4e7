package dev.lifeline.kyc.profile;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.events.CloudEventHeaders;
import dev.lifeline.events.EventSchemas;
import dev.lifeline.events.EventType;
import dev.lifeline.events.IdentityFact;
import dev.lifeline.events.KycProfileChanged;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.Topics;
import dev.lifeline.messaging.KafkaTestClient;
import dev.lifeline.messaging.PublishedEvents;
import dev.lifeline.http.testing.AtOnce;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Every write of a profile tells identity-service, on lifeline.kyc.v1, what is on file: counts and kinds only. */
@KycTest
class KycProfileChangedTest {

    private static final EventType TYPE = EventType.KYC_PROFILE_CHANGED;

    @Test
    void aPutPublishesOneKycProfileChangedKeyedByTheAccount() {
        UUID account = UUID.randomUUID();

        put(account, Profiles.body(), TestTokens.admin()).then().statusCode(204);

        LifelineEvent decided = PublishedEvents.awaitOne(account, TYPE);
        ConsumerRecord<String, String> record = PublishedEvents.onTopic(account, TYPE);
        assertThat(record.topic()).isEqualTo(Topics.KYC);
        assertThat(record.key()).isEqualTo(account.toString());
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(account.toString());
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.ID)).isEqualTo(decided.eventId().toString());
        EventSchemas.assertValid(TYPE, record.value());
    }

    @Test
    void putsOfANewProfileAtOnceAllSucceedOneAfterTheOtherEachWithItsEvent() {
        UUID account = UUID.randomUUID();
        Supplier<Integer> request = () -> put(account, withQuestions(3), TestTokens.admin()).statusCode();

        List<Integer> statuses = AtOnce.run(Collections.nCopies(4, request));

        assertThat(statuses).containsOnly(204);
        assertThat(PublishedEvents.decided(account, TYPE)).hasSize(4);
    }

    @Test
    void aProfileWithEveryFactAndTwoQuestionsIsCountedAndNamed() {
        UUID account = UUID.randomUUID();

        put(account, Profiles.body(), TestTokens.admin()).then().statusCode(204);

        KycProfileChanged changed = (KycProfileChanged) PublishedEvents.awaitOne(account, TYPE);
        assertThat(changed.accountId()).isEqualTo(account);
        assertThat(changed.securityQuestions()).isEqualTo(2);
        assertThat(changed.facts())
                .containsExactly(IdentityFact.ID_NUMBER, IdentityFact.BANK_CARD, IdentityFact.REGISTRATION);
    }

    @Test
    void aProfileWithTheMostQuestionsCountsThemAll() {
        UUID account = UUID.randomUUID();

        put(account, withQuestions(5), TestTokens.admin()).then().statusCode(204);

        assertThat(((KycProfileChanged) PublishedEvents.awaitOne(account, TYPE)).securityQuestions()).isEqualTo(5);
    }

    @Test
    void aReplacementWithFewerQuestionsPublishesTheNewShape() {
        UUID account = UUID.randomUUID();
        put(account, withQuestions(5), TestTokens.admin()).then().statusCode(204);

        put(account, withQuestions(2), TestTokens.admin()).then().statusCode(204);

        List<LifelineEvent> decided = PublishedEvents.decided(account, TYPE);
        assertThat(decided).map(event -> ((KycProfileChanged) event).securityQuestions()).containsExactly(5, 2);
        assertThat(decided).map(event -> ((KycProfileChanged) event).facts()).allSatisfy(facts -> assertThat(facts)
                .containsExactly(IdentityFact.ID_NUMBER, IdentityFact.BANK_CARD, IdentityFact.REGISTRATION));
    }

    @Test
    void anUnchangedRewriteIsPublishedAgain() {
        UUID account = UUID.randomUUID();
        put(account, Profiles.body(), TestTokens.admin()).then().statusCode(204);

        put(account, Profiles.body(), TestTokens.admin()).then().statusCode(204);

        List<LifelineEvent> decided = PublishedEvents.decided(account, TYPE);
        assertThat(decided).hasSize(2);
        assertThat(decided.get(1).eventId()).isNotEqualTo(decided.get(0).eventId());
    }

    @Test
    void theEventOccursAtTheWritesTime() {
        UUID account = UUID.randomUUID();

        put(account, Profiles.body(), TestTokens.admin()).then().statusCode(204);

        Instant updatedAt = Instant.parse(given().auth().oauth2(TestTokens.admin())
                .get("/api/v1/kyc-profiles/{id}", account).then().statusCode(200).extract().path("updatedAt"));
        assertThat(PublishedEvents.awaitOne(account, TYPE).occurredAt()).isEqualTo(updatedAt);
    }

    @Test
    void theRecordCarriesNoneOfTheProfilesContent() {
        UUID account = UUID.randomUUID();
        put(account, Profiles.body(), TestTokens.admin()).then().statusCode(204);

        ConsumerRecord<String, String> record = PublishedEvents.onTopic(account, TYPE);

        // Ids, times and the trace id are random or clock digits, in which the card's last 4 could occur by chance.
        String text = withoutIdsAndTimes(text(record));
        assertThat(text).contains("securityQuestions").contains("REGISTRATION"); // not vacuous
        for (String content : List.of(Profiles.ID_NUMBER, "19491231", "张三", "张*", "ICBC", "4321", "北京",
                "2015-03-14", "20150314", Profiles.ANSWERS.get(0), Profiles.ANSWERS.get(1), "Beijing", "Ｂｅｉｊｉｎｇ",
                "旺财", "您的初中学校名称", "first pet", "pbkdf2")) {
            assertThat(text).as("the record must not contain <%s>", content).doesNotContainIgnoringCase(content);
        }
    }

    @Test
    void aRejectedPutPublishesNothing() {
        UUID account = UUID.randomUUID();
        Map<String, Object> badIdNumber = new HashMap<>(Profiles.body());
        badIdNumber.put("idNumber", "110105194912310021");

        put(account, badIdNumber, TestTokens.admin()).then().statusCode(400);
        put(account, withQuestions(1), TestTokens.admin()).then().statusCode(400);
        put(account, Profiles.body(), null).then().statusCode(401);
        put(account, Profiles.body(), TestTokens.supportAgent()).then().statusCode(403);

        // Each request's transaction has ended with its answer, so nothing can be decided later.
        assertThat(PublishedEvents.decided(account, TYPE)).isEmpty();
        // Guards against passing vacuously: the account's first accepted write is its first event.
        put(account, Profiles.body(), TestTokens.admin()).then().statusCode(204);
        assertThat(PublishedEvents.decided(account, TYPE)).hasSize(1);
    }

    private static Map<String, Object> withQuestions(int count) {
        Map<String, Object> body = new HashMap<>(Profiles.body());
        body.put("securityQuestions", IntStream.rangeClosed(1, count)
                .mapToObj(i -> Map.of("key", QuestionCatalogue.KEYS.get(i), "answer", "answer " + i)).toList());
        return body;
    }

    private static String text(ConsumerRecord<String, String> record) {
        StringBuilder text = new StringBuilder().append(record.key()).append('\n').append(record.value());
        for (Header header : record.headers()) {
            text.append('\n').append(header.key()).append('=')
                    .append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static String withoutIdsAndTimes(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "<time>")
                .replaceAll("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}", "<traceparent>");
    }

    private static Response put(UUID account, Map<String, Object> body, String token) {
        RequestSpecification request = given().contentType("application/json");
        return (token == null ? request : request.auth().oauth2(token)).body(body)
                .put("/api/v1/kyc-profiles/{id}", account);
    }
}
