package dev.lifeline.notification.testing;

import dev.lifeline.events.Contacts;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryCodesIssued;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Account events as identity-service announces them, outside any recovery: each test's own owner, published on the
 * real identity topic with CloudEvents headers (keyed by the account).
 */
public final class Accounts {

    /** An account whose owner the tests play; {@code phone} is the full number the SMS provider receives. */
    public record TestOwner(UUID accountId, String email, String phone, PhoneStatus phoneStatus, String locale) {
    }

    private Accounts() {
    }

    public static TestOwner owner(String locale, PhoneStatus phoneStatus) {
        return new TestOwner(UUID.randomUUID(), UUID.randomUUID() + "@example.org",
                "138" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)), phoneStatus, locale);
    }

    public static RecoveryCodesIssued issued(TestOwner owner, int codes) {
        return new RecoveryCodesIssued(UUID.randomUUID(), owner.accountId(), Instant.now(), codes,
                new Contacts(owner.email(), true, owner.phoneStatus(), owner.locale(), owner.phone()));
    }

    /** The signed-in owner saved a new set of {@code codes} recovery codes. */
    public static RecoveryCodesIssued codesIssued(TestOwner owner, int codes) {
        return Recoveries.publish(issued(owner, codes));
    }
}
