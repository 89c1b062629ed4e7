package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    @TempDir
    Path keys;

    @Test
    void signatureVerifiesWithThePublicKeyFile() throws Exception {
        String token = DevTokens.generate(keys).sign("admin", "alice");

        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(publicKeyFromPem(keys.resolve("public-key.pem")));
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void headerDeclaresRs256() {
        String token = DevTokens.generate(keys).sign("admin", "alice");

        assertThat(decode(token.split("\\.")[0])).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    }

    @Test
    void claimsNameIssuerSubjectRoleAndAnHourOfValidity() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        String claims = decode(DevTokens.generate(keys).sign("support-agent", "bob", now).split("\\.")[1]);

        assertThat(claims)
                .contains("\"iss\":\"https://lifeline.local/dev\"")
                .contains("\"sub\":\"bob\"")
                .contains("\"upn\":\"bob\"")
                .contains("\"groups\":[\"support-agent\"]")
                .contains("\"iat\":" + now.getEpochSecond())
                .contains("\"exp\":" + (now.getEpochSecond() + 3600))
                .containsPattern("\"jti\":\"[0-9a-f-]{36}\"");
    }

    @Test
    void aTokenMayNameItsSubjectOtherwise() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        String claims = decode(DevTokens.generate(keys).sign("support-agent", "4f1c-77", "ann.lee", now)
                .split("\\.")[1]);

        assertThat(claims).contains("\"sub\":\"4f1c-77\"").contains("\"upn\":\"ann.lee\"");
        assertThatThrownBy(() -> DevTokens.generate(keys).sign("support-agent", "4f1c-77", " ", now))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the name must not be blank");
    }

    @Test
    void everyTokenHasItsOwnId() {
        DevTokens tokens = DevTokens.generate(keys);
        Instant now = Instant.now();

        assertThat(tokens.sign("admin", "alice", now)).isNotEqualTo(tokens.sign("admin", "alice", now));
    }

    @Test
    void unknownRoleIsRejected() {
        DevTokens tokens = DevTokens.generate(keys);

        assertThatThrownBy(() -> tokens.sign("root", "alice"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown role 'root'; use one of admin, gateway, support-agent, support-supervisor");
    }

    @Test
    void subjectIsEscapedInTheClaims() {
        String claims = decode(DevTokens.generate(keys).sign("admin", "a\"b\\c").split("\\.")[1]);

        assertThat(claims).contains("\"sub\":\"a\\\"b\\\\c\"");
    }

    @Test
    void keysLoadedFromTheRunDirectorySignTokensTheGeneratedPublicKeyVerifies() throws Exception {
        PublicKey generated = DevTokens.generate(keys).publicKey();

        String token = DevTokens.load(keys).sign("support-supervisor", "carol");

        String[] parts = token.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(generated);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void privateKeyIsReadableByItsOwnerOnly() throws Exception {
        DevTokens.generate(keys);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("private-key.pem"))))
                .isEqualTo("rw-------");
    }

    private static PublicKey publicKeyFromPem(Path file) throws Exception {
        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", ""));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
