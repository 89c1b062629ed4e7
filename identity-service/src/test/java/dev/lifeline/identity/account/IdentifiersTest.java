package dev.lifeline.identity.account;

import dev.lifeline.identity.account.Identifiers.Identifier;
import dev.lifeline.identity.account.Identifiers.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class IdentifiersTest {

    @Test
    void anIdentifierWithAnAtSignIsAnEmail() {
        assertThat(Identifiers.parse(" Li.Wei@Example.com ")).contains(new Identifier(Kind.EMAIL, "Li.Wei@Example.com"));
    }

    @Test
    void anIdentifierOfDigitsIsAPhoneNumberWithoutItsSeparators() {
        assertThat(Identifiers.parse("+86 138-1234-5678")).contains(new Identifier(Kind.PHONE, "+8613812345678"));
    }

    @Test
    void anIdentifierWithALetterAndNoAtSignIsAUsername() {
        assertThat(Identifiers.parse("li.wei88")).contains(new Identifier(Kind.USERNAME, "li.wei88"));
    }

    @Test
    void aChineseUsernameIsAUsername() {
        assertThat(Identifiers.parse("李伟88")).contains(new Identifier(Kind.USERNAME, "李伟88"));
    }

    @Test
    void fullWidthInputIsReadAsItsHalfWidthForm() {
        assertThat(Identifiers.parse("１３８１２３４５６７８")).contains(new Identifier(Kind.PHONE, "13812345678"));
    }

    @Test
    void textThatCannotBeAnIdentifierNamesNoAccount() {
        assertThat(Identifiers.parse("a@b")).isEmpty();
        assertThat(Identifiers.parse("  ")).isEmpty();
        assertThat(Identifiers.parse(null)).isEmpty();
    }

    @Test
    void aUsernameWithoutALetterIsRefusedSoItCannotShadowAPhoneNumber() {
        assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.requireUsername("13812345678"));
    }

    @Test
    void aUsernameWithAnAtSignIsRefusedSoItCannotShadowAnEmail() {
        assertThatIllegalArgumentException().isThrownBy(() -> Identifiers.requireUsername("li@wei"));
    }
}
