package dev.lifeline.identity.account;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private static final String PASSWORD = "violet tractor mango glacier";

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAtNineteenMebibytesTwoPassesOneLane() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void theHashVerifiesTheSamePassword() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hasher.verify(PASSWORD, hash)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNotVerify() {
        String hash = hasher.hash(PASSWORD);

        assertThat(hasher.verify("violet tractor mango glacieR", hash)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(hasher.hash(PASSWORD)).isNotEqualTo(hasher.hash(PASSWORD));
    }

    @Test
    void aPasswordTypedInFullWidthFormsVerifiesAgainstItsHalfWidthHash() {
        String hash = hasher.hash("Passphrase 2025");

        assertThat(hasher.verify("Ｐａｓｓｐｈｒａｓｅ　２０２５", hash)).isTrue();
    }

    @Test
    void aHashMadeWithOlderParametersStillVerifies() {
        String older = olderHash(PASSWORD);

        assertThat(hasher.verify(PASSWORD, older)).isTrue();
    }

    @Test
    void aHashMadeWithOlderParametersNeedsRehashing() {
        assertThat(hasher.needsRehash(olderHash(PASSWORD))).isTrue();
    }

    @Test
    void aHashMadeWithTheCurrentParametersNeedsNoRehashing() {
        assertThat(hasher.needsRehash(hasher.hash(PASSWORD))).isFalse();
    }

    @Test
    void aMalformedHashVerifiesNothingAndNeedsRehashing() {
        String malformed = "$argon2id$v=19$m=19456,t=2,p=1$not-base64!";

        assertThat(hasher.verify(PASSWORD, malformed)).isFalse();
        assertThat(hasher.needsRehash(malformed)).isTrue();
    }

    @Test
    void theDummyHashUsesTheCurrentParametersSoUnknownIdentifiersCostTheSame() {
        assertThat(hasher.needsRehash(PasswordHasher.DUMMY_HASH)).isFalse();
    }

    @Test
    void anUnknownIdentifierNeverVerifies() {
        assertThat(hasher.verifyUnknown(PASSWORD)).isFalse();
    }

    /** What an earlier release might have stored: Argon2id with m = 15 MiB. */
    private static String olderHash(String password) {
        return Argon2Function.getInstance(15 * 1024, 2, 1, 32, Argon2.ID)
                .hash(password.getBytes(StandardCharsets.UTF_8), "sixteen-byte-slt".getBytes(StandardCharsets.UTF_8))
                .getResult();
    }
}
