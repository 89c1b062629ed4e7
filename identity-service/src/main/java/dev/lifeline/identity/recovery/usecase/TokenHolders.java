package dev.lifeline.identity.recovery.usecase;

import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.security.TokenHashes;
import dev.lifeline.identity.recovery.DecoyRecovery;
import dev.lifeline.identity.recovery.Recoveries;
import dev.lifeline.identity.recovery.Recovery;
import dev.lifeline.identity.recovery.RecoveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Resolves an id and a Recovery-Token to what the token opens: a real recovery or a decoy. Both tables are read on
 * every call, so a decoy costs the same round trips as a real recovery; the token is compared in constant time.
 */
@ApplicationScoped
public class TokenHolders {

    private final Audit audit;
    private final Recoveries recoveries;
    private final RecoveryStartConfig config;

    TokenHolders(Audit audit, Recoveries recoveries, RecoveryStartConfig config) {
        this.audit = audit;
        this.recoveries = recoveries;
        this.config = config;
    }

    /** What a valid token opened. */
    sealed interface Held permits Real, Decoy {
    }

    record Real(Recovery recovery) implements Held {
    }

    record Decoy(DecoyRecovery decoy) implements Held {
    }

    /**
     * What {@code GET /api/v1/recoveries/{id}} shows the token holder. The reset kills the token: a completed
     * recovery answers 404 like a wrong token (its token opens only the phone change now).
     */
    @Transactional
    public RecoveryView view(UUID id, String token, String from) {
        Instant now = Instant.now();
        RecoveryView view;
        try {
            view = viewOf(find(id, token), now);
        } catch (RecoveryNotFoundException e) {
            audit.record(Audit.ANONYMOUS, "recovery.status", from, "refused", "recovery", id.toString());
            throw e;
        }
        audit.record(Audit.ANONYMOUS, "recovery.status", from, "shown", "recovery", id.toString());
        return view;
    }

    private static RecoveryView viewOf(Held held, Instant now) {
        if (held instanceof Decoy decoy) {
            return RecoveryView.of(decoy.decoy(), now);
        }
        Recovery recovery = ((Real) held).recovery();
        if (recovery.status(now) == RecoveryStatus.COMPLETED) {
            throw new RecoveryNotFoundException();
        }
        return RecoveryView.of(recovery, now);
    }

    /**
     * Reads without locking: enough to refuse, and the same round trips for a decoy and a real recovery. A token
     * opens nothing once its recovery has been expired for {@link RecoveryStartConfig#decoyKeptAfterExpiry()}, a
     * real one's as a decoy's: decoys are pruned then, and a real recovery that still answered 200 EXPIRED where a
     * decoy answered 404 told them apart a day later (issue 22.3). Support still sees real recoveries.
     *
     * @throws RecoveryNotFoundException for an unknown id or a missing or wrong token, alike
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Held find(UUID id, String token) {
        String hash = TokenHashes.sha256(token);
        Recovery recovery = recoveries.findById(id);
        DecoyRecovery decoy = DecoyRecovery.findById(id);
        boolean tokenGiven = token != null && !token.isEmpty();
        Instant horizon = Instant.now().minus(config.decoyKeptAfterExpiry());
        if (recovery != null && tokenGiven && recovery.matchesToken(hash) && recovery.expiresAt().isAfter(horizon)) {
            return new Real(recovery);
        }
        if (decoy != null && tokenGiven && decoy.matchesToken(hash) && decoy.expiresAt().isAfter(horizon)) {
            return new Decoy(decoy);
        }
        throw new RecoveryNotFoundException();
    }
}
