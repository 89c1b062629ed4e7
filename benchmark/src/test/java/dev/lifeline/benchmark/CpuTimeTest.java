package dev.lifeline.benchmark;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuTimeTest {

    @Test
    void readsTheParentAndTimesPastACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 17 4242 4242 0 -1 4194560 100 0 0 0 250 40 3 2 20 0 30 0 1 2 3";

        String[] fields = CpuTime.statFields(stat);

        assertThat(fields[0]).isEqualTo("S");
        assertThat(fields[1]).isEqualTo("17");
        assertThat(fields[11]).isEqualTo("250");
        assertThat(fields[14]).isEqualTo("2");
    }

    @Test
    void perUnitDividesEachComponentsGrowthByTheUnits() {
        Map<String, Double> per = CpuTime.perUnit(Map.of("kafka", 1_000.0, "identity", 500.0),
                Map.of("kafka", 1_500.0, "identity", 2_500.0), 100);

        assertThat(per).containsEntry("kafka", 5.0).containsEntry("identity", 20.0);
    }

    @Test
    void countsTheCpuThisProcessSpendsBusy() {
        Map<String, Long> self = Map.of("self", ProcessHandle.current().pid());
        double before = CpuTime.now(self).get("self");
        long end = System.nanoTime() + 300_000_000L;
        long spin = 0;
        while (System.nanoTime() < end) {
            spin++;
        }
        double after = CpuTime.now(self).get("self");

        assertThat(spin).isPositive();
        assertThat(after - before).isCloseTo(300, within(200.0));
    }
}
