package dev.lifeline.kyc.testing;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Contacts;
import dev.lifeline.events.DecoyEmailVerificationFailed;
import dev.lifeline.events.EmailVerificationFailure;
import dev.lifeline.events.EventReference;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.RecoveryRejected;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.PhoneStatus;
import dev.lifeline.events.RecoveryDecoyStarted;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.events.Topics;
import dev.lifeline.messaging.KafkaTestClient;
import dev.lifeline.http.security.TokenHashes;
import dev.lifeline.kyc.check.IdentityCheck;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Recoveries as identity-service announces them, on the real topic, with the token a gateway client would hold. */
public final class Recoveries {

    /** A recovery the tests play the token holder of; {@code accountId} is null for a decoy. */
    public record TestRecovery(UUID recoveryId, UUID accountId, String token) {

        /**
         * The address its token holder sends evidence from, one of its own (from the recovery id), so that the tests'
         * wrong evidence does not add up against one address's limit (lifeline.identity-checks.evidence-per-client).
         */
        public String clientAddress() {
            long bits = recoveryId.getLeastSignificantBits();
            return "10." + ((bits >> 16) & 0xff) + "." + ((bits >> 8) & 0xff) + "." + (bits & 0xff);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private Recoveries() {
    }

    /** A recovery of the account needing IDENTITY at {@code assurance}; returns once its check is open. */
    public static TestRecovery of(UUID accountId, Assurance assurance) {
        return start(UUID.randomUUID(), accountId, assurance);
    }

    /**
     * As {@link #of}, with a recovery id that puts its events on the identity topic's partition of {@code key}: its
     * start is consumed only after every event published before it with that key.
     */
    public static TestRecovery behind(UUID key, UUID accountId, Assurance assurance) {
        int partitions = identityTopicPartitions();
        UUID recoveryId;
        do {
            recoveryId = UUID.randomUUID();
        } while (partition(recoveryId, partitions) != partition(key, partitions));
        return start(recoveryId, accountId, assurance);
    }

    private static TestRecovery start(UUID recoveryId, UUID accountId, Assurance assurance) {
        TestRecovery recovery = new TestRecovery(recoveryId, accountId, newToken());
        publish(requested(recovery, assurance));
        awaitOpened(recovery);
        return recovery;
    }

    public static TestRecovery decoy() {
        TestRecovery recovery = new TestRecovery(UUID.randomUUID(), null, newToken());
        Instant now = Instant.now();
        publish(new RecoveryDecoyStarted(UUID.randomUUID(), recovery.recoveryId(), now, now.plus(Duration.ofHours(24)),
                TokenHashes.sha256(recovery.token())));
        awaitOpened(recovery);
        return recovery;
    }

    public static RecoveryRequested requested(TestRecovery recovery, Assurance assurance) {
        Instant now = Instant.now();
        return new RecoveryRequested(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), now,
                now.plus(Duration.ofHours(24)),
                new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY), assurance, Duration.ofHours(24)),
                new Contacts(null, false, PhoneStatus.SUSPENDED, "en"), TokenHashes.sha256(recovery.token()));
    }

    public static void completed(TestRecovery recovery) {
        publish(new PasswordReset(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), Instant.now(), true));
    }

    /** What identity-service answers a real recovery's rejected identity check with. */
    public static void rejected(TestRecovery recovery) {
        publish(new RecoveryRejected(UUID.randomUUID(), recovery.recoveryId(), recovery.accountId(), Instant.now(),
                new EventReference("dev.lifeline.IdentityRejected.v1", UUID.randomUUID())));
    }

    public static void decoyEmailExhausted(TestRecovery decoy) {
        publish(new DecoyEmailVerificationFailed(UUID.randomUUID(), decoy.recoveryId(), Instant.now(),
                EmailVerificationFailure.TOO_MANY_ATTEMPTS));
    }

    public static void publish(LifelineEvent event) {
        KafkaTestClient.forApplication().publish(event);
    }

    public static IdentityCheck find(UUID recoveryId) {
        return QuarkusTransaction.requiringNew().call(() -> IdentityCheck.<IdentityCheck>findById(recoveryId));
    }

    public static IdentityCheck awaitState(TestRecovery recovery, IdentityCheck.State state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            IdentityCheck check = find(recovery.recoveryId());
            return check != null && check.state() == state;
        });
        return find(recovery.recoveryId());
    }

    private static void awaitOpened(TestRecovery recovery) {
        await().atMost(Duration.ofSeconds(20)).until(() -> find(recovery.recoveryId()) != null);
    }

    /** The partition Kafka's default partitioner gives a record keyed by {@code key} (murmur2 of its bytes). */
    private static int partition(UUID key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static int identityTopicPartitions() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)),
                new StringDeserializer(), new StringDeserializer())) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !consumer.partitionsFor(Topics.IDENTITY, Duration.ofSeconds(5)).isEmpty());
            return consumer.partitionsFor(Topics.IDENTITY, Duration.ofSeconds(5)).size();
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
