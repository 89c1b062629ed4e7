package dev.lifeline.http.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MasksTest {

    @Test
    void aPhoneNumberShowsOnlyItsLastFourDigits() {
        assertThat(Masks.phone("13812345678")).isEqualTo("*******5678");
        assertThat(Masks.phone("+86 138 1234 5678")).isEqualTo("+** *** **** 5678");
    }

    @Test
    void anEmailAddressShowsItsFirstCharacterAndDomain() {
        assertThat(Masks.email("li.wei@example.com")).isEqualTo("l*****@example.com");
        assertThat(Masks.email("x@example.com")).isEqualTo("x*****@example.com");
    }

    @Test
    void somethingThatIsNotAnAddressShowsNothing() {
        assertThat(Masks.email("@example.com")).isEqualTo("*****");
        assertThat(Masks.email("no-at-sign")).isEqualTo("*****");
    }
}
