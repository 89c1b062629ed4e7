package dev.lifeline.kyc.check;

import dev.lifeline.kyc.profile.QuestionCatalogue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Which questions a check shows, without Quarkus. */
class QuestionDrawTest {

    private static final List<String> PROFILE = List.of("childhood-street", "first-pet", "first-school", "first-car-make");

    @Test
    void aProfilesDrawIsStableDistinctOfItsOwnKeysAndInCatalogueOrder() {
        for (int r = 0; r < 200; r++) {
            UUID recoveryId = UUID.randomUUID();

            List<String> drawn = QuestionDraw.ofProfile(recoveryId, PROFILE, 2);

            assertThat(drawn).hasSize(2).doesNotHaveDuplicates().isSubsetOf(PROFILE)
                    .isEqualTo(QuestionDraw.ofProfile(recoveryId, PROFILE, 2))
                    .isSortedAccordingTo((a, b) -> QuestionCatalogue.KEYS.indexOf(a) - QuestionCatalogue.KEYS.indexOf(b));
        }
    }

    @Test
    void aProfilesQuestionsAreEachShownAboutEquallyOften() {
        Map<String, Integer> shown = new HashMap<>();
        int draws = 4000;
        for (int r = 0; r < draws; r++) {
            QuestionDraw.ofProfile(UUID.randomUUID(), PROFILE, 2).forEach(key -> shown.merge(key, 1, Integer::sum));
        }

        PROFILE.forEach(key -> assertThat(shown.get(key) / (double) draws).as(key).isCloseTo(0.5, within(0.05)));
    }

    @Test
    void aWeightedDrawShowsKeysInProportionAndNeverOneWithoutWeight() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("first-school", 3.0);
        weights.put("first-pet", 1.0);
        weights.put("mother-maiden-name", 0.0);
        Map<String, Integer> first = new HashMap<>();
        int draws = 4000;
        for (int r = 0; r < draws; r++) {
            List<String> drawn = QuestionDraw.weighted(UUID.randomUUID(), weights, 1);
            first.merge(drawn.get(0), 1, Integer::sum);
        }

        assertThat(first).doesNotContainKey("mother-maiden-name");
        assertThat(first.get("first-school") / (double) draws).isCloseTo(0.75, within(0.05));
    }
}
