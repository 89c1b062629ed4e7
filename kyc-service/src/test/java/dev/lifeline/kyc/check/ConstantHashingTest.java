package dev.lifeline.kyc.check;

import dev.lifeline.kyc.profile.CountingHashing;
import dev.lifeline.kyc.profile.KycProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check without a profile (a decoy, an account without KYC data) hashes like a profile: one slow hash per
 * question shown, however many answers came (issue 22.4); and every check shows as many (issue 22.1).
 */
class ConstantHashingTest {

    @Test
    void aCheckWithoutAProfileHashesOncePerQuestionShownHoweverManyAnswersCame() {
        CountingHashing hashing = new CountingHashing();
        for (int shown = 1; shown <= KycProfile.FEWEST_QUESTIONS; shown++) {
            for (int answers = 1; answers <= 5; answers++) {
                List<String> given = IntStream.rangeClosed(1, answers).mapToObj(i -> "answer" + i).toList();

                IdentityChecks.matchingNothing(new KycProfile.Submitted(given, null, null, null, null, null),
                        shown, hashing);

                assertThat(hashing.takeCount()).as("%d answers to %d questions", answers, shown).isEqualTo(shown);
            }
        }
    }

    @Test
    void noAnswersNoSlowHash() {
        CountingHashing hashing = new CountingHashing();

        IdentityChecks.matchingNothing(new KycProfile.Submitted(List.of(), null, "ICBC", "4321", null, null), 2, hashing);

        assertThat(hashing.takeCount()).isZero();
    }
}
