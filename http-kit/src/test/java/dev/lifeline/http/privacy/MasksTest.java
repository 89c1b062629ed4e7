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

    @Test
    void everyAddressInAFreeTextIsMaskedAndTheRestKept() {
        assertThat(Masks.emailsIn("550 5.1.1 <li.wei@example.com>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <l*****@example.com>: Recipient address rejected");
        assertThat(Masks.emailsIn("from ops@lifeline.example.org to Li.Wei+alerts@mail.example.com."))
                .isEqualTo("from o*****@lifeline.example.org to L*****@mail.example.com.");
        assertThat(Masks.emailsIn("RCPT TO:li.wei@example.com refused")).isEqualTo("RCPT TO:l*****@example.com refused");
    }

    @Test
    void quotedAndInternationalAddressesAreMaskedToo() {
        assertThat(Masks.emailsIn("<\"li wei\"@example.com> unknown")).isEqualTo("<\"*****@example.com> unknown");
        assertThat(Masks.emailsIn("李伟@例子.中国 rejected")).isEqualTo("李*****@例子.中国 rejected");
    }

    @Test
    void aTextWithoutAddressIsUnchanged() {
        assertThat(Masks.emailsIn("Connection refused: 127.0.0.1:25")).isEqualTo("Connection refused: 127.0.0.1:25");
        assertThat(Masks.emailsIn("")).isEmpty();
        assertThat(Masks.emailsIn(null)).isNull();
    }

    @Test
    void aFailureIsItsTypeAndItsMessageWithTheAddressesMasked() {
        assertThat(Masks.failure(new IllegalStateException("<li.wei@example.com>: Recipient address rejected")))
                .isEqualTo("IllegalStateException: <l*****@example.com>: Recipient address rejected");
        assertThat(Masks.failure(new IllegalStateException())).isEqualTo("IllegalStateException: null");
    }
}
