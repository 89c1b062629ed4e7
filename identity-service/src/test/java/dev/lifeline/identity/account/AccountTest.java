package dev.lifeline.identity.account;

import dev.lifeline.events.Contacts;
import dev.lifeline.events.PhoneStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AccountTest {

    private static final Instant T0 = Instant.parse("2025-03-14T09:00:00Z");
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    private static final String NEW_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdDI$aGFzaDI";

    @Test
    void contactsCarryTheEmailItsVerificationThePhoneItsStatusAndTheLocale() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", "li.wei@example.com", true, "13812345678",
                PhoneStatus.SUSPENDED, "zh-CN", false, HASH, T0);

        assertThat(account.contacts())
                .isEqualTo(new Contacts("li.wei@example.com", true, PhoneStatus.SUSPENDED, "zh-CN", "13812345678"));
    }

    @Test
    void anAccountWithoutAPhoneCannotBeReachedBySms() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", null, false, null, null, null, false, HASH, T0);

        assertThat(account.phoneStatus()).isEqualTo(PhoneStatus.SUSPENDED);
    }

    @Test
    void aGivenPhoneIsActiveUnlessSaidOtherwise() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", null, false, "138 1234 5678", null, null,
                false, HASH, T0);

        assertThat(account.phoneStatus()).isEqualTo(PhoneStatus.ACTIVE);
        assertThat(account.phone()).contains("13812345678");
    }

    @Test
    void theLocaleDefaultsToSimplifiedChinese() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", null, false, null, null, null, false, HASH, T0);

        assertThat(account.locale()).isEqualTo("zh-CN");
    }

    @Test
    void anUnsupportedLocaleIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Account.create(UUID.randomUUID(), "li.wei", null,
                false, null, null, "fr", false, HASH, T0));
    }

    @Test
    void anAccountWithoutEmailCannotHaveAVerifiedEmail() {
        assertThatIllegalArgumentException().isThrownBy(() -> Account.create(UUID.randomUUID(), "li.wei", null,
                true, null, null, null, false, HASH, T0));
    }

    @Test
    void anUnverifiedEmailDoesNotCountAsAVerifiedOne() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", "li.wei@example.com", false, null, null, null,
                false, HASH, T0);

        assertThat(account.hasVerifiedEmail()).isFalse();
    }

    @Test
    void aPasswordInsteadOfAHashIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Account.create(UUID.randomUUID(), "li.wei", null,
                false, null, null, null, false, "correct horse battery staple", T0));
    }

    @Test
    void changingThePasswordRecordsWhenItChanged() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", null, false, null, null, null, true, HASH, T0);
        Instant later = T0.plusSeconds(3600);

        account.changePassword(NEW_HASH, later);

        assertThat(account.passwordHash()).isEqualTo(NEW_HASH);
        assertThat(account.passwordChangedAt()).isEqualTo(later);
    }

    @Test
    void changingThePasswordKeepsTheSecondFactor() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", null, false, null, null, null, true, HASH, T0);

        account.changePassword(NEW_HASH, T0.plusSeconds(3600));

        assertThat(account.mfaEnrolled()).isTrue();
    }

    @Test
    void upgradingTheHashIsNotAPasswordChange() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", null, false, null, null, null, false, HASH, T0);

        account.upgradePasswordHash(NEW_HASH);

        assertThat(account.passwordHash()).isEqualTo(NEW_HASH);
        assertThat(account.passwordChangedAt()).isEqualTo(T0);
    }

    @Test
    void aNewPhoneIsActiveAndNormalised() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", null, false, "13812345678",
                PhoneStatus.SUSPENDED, null, false, HASH, T0);

        account.changePhone("+86 139-8765-4321");

        assertThat(account.phone()).contains("+8613987654321");
        assertThat(account.phoneStatus()).isEqualTo(PhoneStatus.ACTIVE);
    }

    @Test
    void theMaskedPhoneShowsOnlyItsLastFourDigits() {
        Account account = Account.create(UUID.randomUUID(), "li.wei", null, false, "+8613812345678", null, null,
                false, HASH, T0);

        assertThat(account.maskedPhone()).contains("+*********5678");
    }
}
