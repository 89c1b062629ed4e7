package dev.lifeline.messaging;

import dev.lifeline.testing.LocalInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "messaging_test"))
class InboxPrunerTest {

    @Inject
    InboxPruner pruner;

    @Inject
    InboxConfig config;

    @Inject
    EntityManager entityManager;

    @Test
    void idsProcessedBeforeTheRetentionHorizonAreDeletedInBatchesAndLaterOnesKept() {
        Instant horizon = Instant.now().minus(config.retention()); // P7D
        // More than one batch (prune-batch-size=1000); no other test leaves rows this old.
        int expired = config.pruneBatchSize() + 5;
        UUID justInside = UUID.randomUUID();
        processed(expired, horizon.minus(1, ChronoUnit.DAYS));
        processed(justInside, horizon.plus(1, ChronoUnit.HOURS));

        long pruned = pruner.prune(horizon);

        assertThat(pruned).isEqualTo(expired);
        assertThat(count("processed_at < :at", horizon)).isZero();
        assertThat(count("event_id = :at", justInside)).isEqualTo(1);
    }

    private void processed(int rows, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO inbox_processed_event (event_id, type, topic, processed_at)
                        SELECT gen_random_uuid(), 'dev.lifeline.RecoveryExpired.v1', 'lifeline.identity.v1', :at
                        FROM generate_series(1, :rows)""")
                .setParameter("rows", rows)
                .setParameter("at", at)
                .executeUpdate());
    }

    private void processed(UUID eventId, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO inbox_processed_event (event_id, type, topic, processed_at)
                        VALUES (:id, 'dev.lifeline.RecoveryExpired.v1', 'lifeline.identity.v1', :at)""")
                .setParameter("id", eventId)
                .setParameter("at", at)
                .executeUpdate());
    }

    private long count(String condition, Object value) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM inbox_processed_event WHERE " + condition)
                .setParameter("at", value).getSingleResult()).longValue());
    }
}
