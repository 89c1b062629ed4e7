package dev.lifeline.kyc.check;

import dev.lifeline.kyc.profile.CountingHashing;
import dev.lifeline.kyc.profile.KycProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check without a profile (a decoy, an account without KYC data) hashes like a profile with as many questions
 * as it shows: one slow hash per question shown, however many answers came (issue 22.4).
 */
class ConstantHashingTest {

    @Test
    void aCheckWithoutAProfileHashesOncePerQuestionShownHoweverManyAnswersCame() {
        CountingHashing hashing = new CountingHashing();
        for (int r = 0; r < 20; r++) {
            UUID recoveryId = UUID.randomUUID();
            int shown = QuestionCatalogue.draw(recoveryId, "en").size();
            for (int answers = 1; answers <= 5; answers++) {
                List<String> given = IntStream.rangeClosed(1, answers).mapToObj(i -> "answer" + i).toList();

                IdentityChecks.matchingNothing(new KycProfile.Submitted(given, null, null, null, null, null),
                        QuestionCatalogue.count(recoveryId), hashing);

                assertThat(hashing.takeCount()).as("%d answers to %d questions", answers, shown).isEqualTo(shown);
            }
        }
    }

    @Test
    void theNumberOfQuestionsShownIsTheSameInEveryLanguageAndWithinAProfilesRange() {
        for (int r = 0; r < 200; r++) {
            UUID recoveryId = UUID.randomUUID();
            int count = QuestionCatalogue.count(recoveryId);
            assertThat(count).isBetween(2, 5)
                    .isEqualTo(QuestionCatalogue.draw(recoveryId, "en").size())
                    .isEqualTo(QuestionCatalogue.draw(recoveryId, "zh-CN").size());
        }
    }

    @Test
    void noAnswersNoSlowHash() {
        CountingHashing hashing = new CountingHashing();

        IdentityChecks.matchingNothing(new KycProfile.Submitted(List.of(), null, "ICBC", "4321", null, null), 4, hashing);

        assertThat(hashing.takeCount()).isZero();
    }
}
