package dev.lifeline.notification.ssf;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyTest {

    @Test
    void productionRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> new SigningKey(Optional.empty(), Optional.of("k1"), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lifeline.ssf.signing-key is not set (LIFELINE_SSF_SIGNING_KEY)");
    }

    @Test
    void aBlankKeyCountsAsNoKey() {
        assertThatThrownBy(() -> new SigningKey(Optional.of("  "), Optional.of("k1"), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not set");
    }

    @Test
    void devModeMakesAnEphemeralKey() {
        SigningKey key = new SigningKey(Optional.empty(), Optional.of("dev-key"), LaunchMode.DEVELOPMENT);

        assertThat(key.publicKey().getModulus().bitLength()).isEqualTo(2048);
        assertThat(key.keyId()).isEqualTo("dev-key");
    }

    @Test
    void aPkcs8PemKeyIsLoadedAndItsPublicHalfPublished() throws Exception {
        KeyPair pair = rsa(2048);

        SigningKey key = new SigningKey(Optional.of(pem(pair, "\n")), Optional.of("prod-1"), LaunchMode.NORMAL);

        assertThat(key.publicKey().getModulus()).isEqualTo(((RSAPublicKey) pair.getPublic()).getModulus());
        assertThat(key.publicJwk()).containsEntry("kty", "RSA").containsEntry("kid", "prod-1")
                .containsEntry("use", "sig").containsEntry("alg", "RS256").containsKeys("n", "e");
    }

    @Test
    void aPemOnOneLineWithEscapedNewlinesAsEnvironmentsCarryItIsLoaded() throws Exception {
        KeyPair pair = rsa(2048);

        SigningKey key = new SigningKey(Optional.of(pem(pair, "\\n")), Optional.of("prod-1"), LaunchMode.NORMAL);

        assertThat(key.publicKey().getModulus()).isEqualTo(((RSAPublicKey) pair.getPublic()).getModulus());
    }

    @Test
    void thePublishedJwkHoldsNoPrivatePart() {
        assertThat(SetVerifier.KEY.publicJwk()).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
    }

    @Test
    void withoutAKeyIdTheKeysThumbprintNamesIt() {
        SigningKey key = new SigningKey(Optional.empty(), Optional.empty(), LaunchMode.TEST);

        assertThat(key.keyId()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheConversionToUse() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> new SigningKey(Optional.of(pkcs1), Optional.empty(), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void aKeyShorterThan2048BitsIsRefused() throws Exception {
        String weak = pem(rsa(1024), "\n");

        assertThatThrownBy(() -> new SigningKey(Optional.of(weak), Optional.empty(), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 2048");
    }

    @Test
    void garbageIsRefusedWithoutEchoingIt() {
        String garbage = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----";

        assertThatThrownBy(() -> new SigningKey(Optional.of(garbage), Optional.empty(), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("bm90IGEga2V5");
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair pair, String newline) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        return pem.replace("\n", newline);
    }
}
