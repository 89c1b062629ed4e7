package dev.lifeline.emailverification.challenge;

import dev.lifeline.http.security.TokenHashes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChallengeSecretsTest {

    private final ChallengeSecrets secrets = new ChallengeSecrets(config("k".repeat(32)));

    @Test
    void codesAreSixDigitsAndLinkTokensCarry256Bits() {
        ChallengeSecrets.Issued issued = secrets.issue();

        assertThat(issued.code()).matches("[0-9]{6}");
        assertThat(Base64.getUrlDecoder().decode(issued.linkToken())).hasSize(32);
        assertThat(issued.toString()).doesNotContain(issued.code()).doesNotContain(issued.linkToken());
    }

    @Test
    void codesAreDrawnUniformlyEnoughToCoverTheSpace() {
        Set<String> seen = new HashSet<>();
        IntStream.range(0, 2_000).forEach(i -> seen.add(secrets.issue().code()));

        assertThat(seen).hasSizeGreaterThan(1_990); // 2,000 draws from 10^6 values collide a couple of times at most
    }

    @Test
    void aCodesHashNeedsTheKeyAndDependsOnItsRecovery() {
        UUID recovery = UUID.randomUUID();
        ChallengeSecrets otherKey = new ChallengeSecrets(config("o".repeat(32)));

        String hash = secrets.codeHash(recovery, "123456");

        assertThat(hash).isEqualTo(secrets.codeHash(recovery, "123456")).hasSize(64);
        assertThat(hash).isNotEqualTo(otherKey.codeHash(recovery, "123456"));
        assertThat(hash).isNotEqualTo(secrets.codeHash(UUID.randomUUID(), "123456"));
        assertThat(hash).isNotEqualTo(TokenHashes.sha256("123456"));
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new ChallengeSecrets(config("short")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("code-key");
    }

    private static ChallengeConfig config(String key) {
        return new ChallengeConfig() {
            public Duration codeTtl() { return Duration.ofMinutes(15); }
            public int maxWrongAttempts() { return 5; }
            public Duration resendCooldown() { return Duration.ofSeconds(60); }
            public int maxResends() { return 3; }
            public String codeKey() { return key; }
            public Duration expiryCheckInterval() { return Duration.ofSeconds(5); }
            public Duration responseFloor() { return Duration.ofMillis(100); }
            public int requestsPerClient() { return 30; }
            public Duration keptAfterExpiry() { return Duration.ofDays(1); }
            public Duration pruneInterval() { return Duration.ofHours(1); }
        };
    }
}
