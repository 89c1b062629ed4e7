package dev.lifeline.kyc.check;

import dev.lifeline.events.Assurance;
import dev.lifeline.kyc.profile.QuestionCatalogue;
import dev.lifeline.kyc.testing.KycTest;
import dev.lifeline.kyc.testing.Profiles;
import dev.lifeline.kyc.testing.Recoveries;
import dev.lifeline.kyc.testing.Recoveries.TestRecovery;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lifeline.kyc.check.IdentityCheckTest.submit;
import static dev.lifeline.kyc.check.IdentityCheckTest.view;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decoy's check and the check of an account without a KYC profile answer a stranger's wrong evidence exactly like
 * a real account's: status codes, bodies, the shape of the questions, repeated reads agreeing.
 */
@KycTest
class DecoyIndistinguishabilityTest {

    @Test
    void wrongEvidenceGetsTheSameAnswersFromADecoyAProfilelessAccountAndARealOne() {
        TestRecovery real = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);
        TestRecovery profileless = Recoveries.of(UUID.randomUUID(), Assurance.SUBSTANTIAL);
        TestRecovery decoy = Recoveries.decoy();

        List<Map<String, Object>> realAnswers = walk(real);

        assertThat(walk(profileless)).isEqualTo(realAnswers);
        assertThat(walk(decoy)).isEqualTo(realAnswers);
    }

    @Test
    void aRealCheckAndADecoyShowAsManyCatalogueQuestionsInTheReadersLanguageAndAnswerAlike() {
        TestRecovery real = Recoveries.of(Profiles.stored(), Assurance.SUBSTANTIAL);
        TestRecovery decoy = Recoveries.decoy();

        for (TestRecovery recovery : List.of(real, decoy)) {
            for (String language : List.of("en", "zh-CN")) {
                assertThat(questions(recovery, language)).as("%s in %s", recovery.accountId() == null ? "decoy" : "real", language)
                        .hasSize(QUESTIONS_SHOWN).doesNotHaveDuplicates()
                        .allMatch(catalogue(language)::contains);
            }
        }
        assertThat(answer(submit(decoy, Profiles.wrong()))).isEqualTo(answer(submit(real, Profiles.wrong())));
        assertThat(answer(submit(decoy, Map.of("answers", List.of("x"))))).isEqualTo(
                answer(submit(real, Map.of("answers", List.of("x")))));
    }

    @Test
    void aDecoysQuestionsArePlausibleAndStableAcrossReads() {
        TestRecovery decoy = Recoveries.decoy();

        List<String> first = view(decoy).jsonPath().getList("questions");
        List<String> second = view(decoy).jsonPath().getList("questions");
        List<String> chinese = given().header("Recovery-Token", decoy.token()).header("Accept-Language", "zh-CN")
                .get("/api/v1/identity-checks/{id}", decoy.recoveryId()).jsonPath().getList("questions");

        assertThat(first).isEqualTo(second).hasSize(QUESTIONS_SHOWN).allMatch(catalogue("en")::contains);
        assertThat(chinese).hasSameSizeAs(first).allMatch(catalogue("zh-CN")::contains);
    }

    @Test
    void aDecoysEmailExhaustionEndsItsCheckLikeARealRecoverysRejection() {
        TestRecovery decoy = Recoveries.decoy();

        Recoveries.decoyEmailExhausted(decoy);
        Recoveries.awaitState(decoy, IdentityCheck.State.CLOSED);

        view(decoy).then().statusCode(404);
    }

    private static List<String> questions(TestRecovery recovery, String language) {
        return given().header("Recovery-Token", recovery.token()).header("Accept-Language", language)
                .get("/api/v1/identity-checks/{id}", recovery.recoveryId()).then().statusCode(200)
                .extract().jsonPath().getList("questions");
    }

    /** The default of lifeline.identity-checks.questions-shown, which the tests keep. */
    private static final int QUESTIONS_SHOWN = 2;

    private static List<String> catalogue(String language) {
        return QuestionCatalogue.KEYS.stream().map(key -> QuestionCatalogue.text(key, language)).toList();
    }

    private static List<Map<String, Object>> walk(TestRecovery recovery) {
        List<Map<String, Object>> answers = new ArrayList<>();
        answers.add(shape(view(recovery)));
        for (int i = 0; i < IdentityCheck.ATTEMPTS; i++) {
            answers.add(answer(submit(recovery, Profiles.wrong())));
        }
        // At once, before anything comes back from identity-service: a real check once stayed REJECTED here (a
        // 409 to a submission, 200 to a read) where a decoy's answered 404.
        answers.add(answer(submit(recovery, Profiles.wrong())));
        answers.add(answer(view(recovery)));
        if (recovery.accountId() != null) {
            // identity-service rejects a real recovery whose identity check is rejected; its RecoveryRejected closes
            // the check, which answers as before.
            Recoveries.rejected(recovery);
            Recoveries.awaitState(recovery, IdentityCheck.State.CLOSED);
        }
        answers.add(answer(submit(recovery, Profiles.wrong())));
        answers.add(answer(submit(recovery, Map.of("idNumber", "11010519491231002X"))));
        answers.add(answer(view(recovery)));
        return answers;
    }

    private static Map<String, Object> answer(Response response) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", response.statusCode());
        answer.put("contentType", response.contentType());
        Map<String, Object> body = new LinkedHashMap<>(response.jsonPath().getMap(""));
        body.remove("instance");
        answer.put("body", body);
        return answer;
    }

    /** Everything of a view but the question texts, which differ per account (their number does not). */
    private static Map<String, Object> shape(Response response) {
        Map<String, Object> answer = answer(response);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) answer.get("body");
        Object questions = body.remove("questions");
        body.put("questionCount", questions == null ? null : ((List<?>) questions).size());
        return answer;
    }
}
