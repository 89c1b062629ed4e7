package dev.lifeline.identity.account;

import dev.lifeline.http.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHashingTest {

    /** A hasher whose verification holds its slot until released. */
    private static final class BlockingHasher extends PasswordHasher {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public boolean verify(CharSequence password, String encodedHash) {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @Test
    void aRequestBeyondTheConcurrencyBoundGetsA503InsteadOfAnotherArgon2Run() throws Exception {
        BlockingHasher hasher = new BlockingHasher();
        PasswordHashing hashing = new PasswordHashing(hasher, config(1, Duration.ofMillis(50)));
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> hashing.verify("pw", "$argon2id$x"));
        assertThat(hasher.started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> hashing.verifyUnknown("pw"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.headers()).containsKey("Retry-After");
                });

        hasher.release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void aSlotIsFreedWhenTheWorkEnds() {
        PasswordHashing hashing = new PasswordHashing(new PasswordHasher(), config(1, Duration.ofMillis(50)));
        String hash = hashing.hash("tangerine-lantern-47-orbit");

        assertThat(hashing.verify("tangerine-lantern-47-orbit", hash)).isTrue();
        assertThat(hashing.verifyUnknown("tangerine-lantern-47-orbit")).isFalse();
    }

    private static PasswordHashingConfig config(int maxConcurrent, Duration maxWait) {
        return new PasswordHashingConfig() {
            @Override
            public int maxConcurrent() {
                return maxConcurrent;
            }

            @Override
            public Duration maxWait() {
                return maxWait;
            }
        };
    }
}
