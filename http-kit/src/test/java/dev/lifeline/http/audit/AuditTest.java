package dev.lifeline.http.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTest {

    @Test
    void aValueCannotForgeAnotherFieldOrLine() {
        assertThat(Audit.safe("bob\nat=2020 who=admin outcome=ok")).doesNotContain("\n").doesNotContain(" ")
                .doesNotContain("=");
    }

    @Test
    void aMissingValueIsADash() {
        assertThat(Audit.safe(null)).isEqualTo("-");
    }

    @Test
    void longValuesAreCut() {
        assertThat(Audit.safe("x".repeat(500))).hasSizeLessThan(130);
    }
}
