package dev.lifeline.http.audit;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PseudonymsTest {

    @Test
    void theSameValueGetsTheSamePseudonym() {
        Pseudonyms pseudonyms = new Pseudonyms(() -> Optional.of("pepper"));

        assertThat(pseudonyms.of("USERNAME:li.wei")).isEqualTo(pseudonyms.of("USERNAME:li.wei"));
    }

    @Test
    void aPseudonymRevealsNotTheValue() {
        Pseudonyms pseudonyms = new Pseudonyms(() -> Optional.of("pepper"));

        assertThat(pseudonyms.of("PHONE:+8613800138000")).doesNotContain("13800138000").hasSize(64);
        assertThat(pseudonyms.forLog("PHONE:+8613800138000")).startsWith("id:").hasSize(19);
    }

    @Test
    void anotherPepperGivesAnotherPseudonym() {
        assertThat(new Pseudonyms(() -> Optional.of("one")).of("x"))
                .isNotEqualTo(new Pseudonyms(() -> Optional.of("two")).of("x"));
    }

    @Test
    void withoutAPepperItIsPlainSha256() {
        assertThat(new Pseudonyms(Optional::empty).of("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void productionRefusesToStartWithoutAPepper() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new Pseudonyms(Optional::empty).requirePepper(LaunchMode.NORMAL))
                .withMessageContaining("LIFELINE_PSEUDONYMS_PEPPER");
    }

    @Test
    void productionStartsWithAPepper() {
        assertThatNoException().isThrownBy(() -> new Pseudonyms(() -> Optional.of("pepper")).requirePepper(LaunchMode.NORMAL));
    }
}
