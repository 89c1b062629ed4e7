package dev.lifeline.identity.recovery;

import dev.lifeline.events.Assurance;
import dev.lifeline.events.Evidence;
import dev.lifeline.events.RecoveryPolicy;
import dev.lifeline.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Open recoveries for the saga tests, started as the API would start them (event through the outbox). */
@ApplicationScoped
public class SagaTestRecoveries {

    static final RecoveryPolicy EMAIL_AND_IDENTITY = RecoveryBuilder.EMAIL_AND_IDENTITY;

    private final Outbox outbox;

    SagaTestRecoveries(Outbox outbox) {
        this.outbox = outbox;
    }

    /** What an account with MFA gets: IDENTITY at HIGH (EMAIL too). */
    static final RecoveryPolicy IDENTITY_AT_HIGH =
            new RecoveryPolicy(List.of(Evidence.EMAIL, Evidence.IDENTITY), Assurance.HIGH, Duration.ZERO);

    Recovery start(Duration ttl) {
        return start(UUID.randomUUID(), UUID.randomUUID(), EMAIL_AND_IDENTITY, ttl);
    }

    Recovery start(RecoveryPolicy policy, Duration ttl) {
        return start(UUID.randomUUID(), UUID.randomUUID(), policy, ttl);
    }

    Recovery start(UUID recoveryId, UUID accountId, Duration ttl) {
        return start(recoveryId, accountId, EMAIL_AND_IDENTITY, ttl);
    }

    /** A decoy as an unknown identifier's start would leave it (RecoveryDecoyStarted through the outbox). */
    DecoyRecovery startDecoy(Duration ttl) {
        return startDecoy(UUID.randomUUID(), ttl);
    }

    @Transactional
    DecoyRecovery startDecoy(UUID id, Duration ttl) {
        DecoyRecovery decoy = DecoyRecovery.create(id, HexFormat.of().formatHex(new byte[32]), Instant.now(), ttl);
        decoy.persist();
        outbox.publish(decoy.started());
        return decoy;
    }

    @Transactional
    DecoyRecovery decoy(UUID id) {
        return DecoyRecovery.findById(id);
    }

    @Transactional
    Recovery start(UUID recoveryId, UUID accountId, RecoveryPolicy policy, Duration ttl) {
        Recovery.Started started = RecoveryBuilder.aRecovery().withId(recoveryId).ofAccount(accountId).under(policy)
                .withTtl(ttl).start();
        started.recovery().persist();
        outbox.publish(started.event());
        return started.recovery();
    }
}
