package dev.lifeline.identity.phoneproof;

import dev.lifeline.messaging.DueRows;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.http.outbound.SmsProvider;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Texts the owed codes. Each text is leased in one short transaction, in which its code is drawn and its hash
 * stored, and sent after that commits: no transaction waits for the provider, and an instance killed mid-send
 * leaves the text owed again when the lease ends (with a new code; only the newest one counts). Several instances
 * share the work through {@link DueRows}.
 */
@ApplicationScoped
public class PhoneCodeSender {

    private static final Logger LOG = Logger.getLogger(PhoneCodeSender.class);
    private static final int BATCH = 20;
    /** Longer than the provider's slowest answer (HttpDelivery's connect and request timeouts). */
    static final Duration LEASE = Duration.ofSeconds(30);

    /** A text taken to send, with its code, which exists only here. */
    private record Leased(UUID recoveryId, String phone, String codeHash, String text) {
    }

    private final EntityManager entityManager;
    private final PhoneCodes codes;
    private final SmsProvider sms;
    private final PhoneProofConfig config;

    PhoneCodeSender(EntityManager entityManager, PhoneCodes codes, SmsProvider sms, PhoneProofConfig config) {
        this.entityManager = entityManager;
        this.codes = codes;
        this.sms = sms;
        this.config = config;
    }

    @Scheduled(every = "${lifeline.phone-proof.send-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendOwedTexts() {
        List<Leased> leased = QuarkusTransaction.requiringNew().call(() -> lease(Instant.now()));
        leased.forEach(this::send);
    }

    private List<Leased> lease(Instant now) {
        return DueRows.lock(entityManager, PhoneProof.class, "phone_proof", "text_due_at", "", now, BATCH).stream()
                .map(proof -> {
                    String code = codes.newCode();
                    String hash = codes.hash(proof.recoveryId(), code);
                    proof.textLeaving(hash, now, LEASE);
                    Duration ttl = Duration.between(now, proof.expiresAt());
                    return new Leased(proof.recoveryId(), proof.phone(), hash,
                            PhoneCodes.text(code, proof.locale(), ttl));
                })
                .toList();
    }

    private void send(Leased text) {
        boolean retryable;
        try {
            // The development sink logs the text (code withheld) and sends nothing; the proof still records it sent.
            sms.send(new SmsProvider.Sms(text.phone(), text.text(), "phone-proof for recovery " + text.recoveryId(),
                    true));
            settle(text, proof -> proof.textSent(text.codeHash()));
            return;
        } catch (DeliveryFailure failure) {
            LOG.warnf("Phone code for recovery %s not texted: %s", text.recoveryId(), failure.getMessage());
            retryable = failure.retryable();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Phone code for recovery %s not texted", text.recoveryId());
            retryable = true;
        }
        boolean retry = retryable;
        settle(text, proof -> proof.textFailed(text.codeHash(), retry, Instant.now(), config));
    }

    /** Records how a send ended, unless a newer request replaced the text meanwhile. */
    private void settle(Leased text, Consumer<PhoneProof> outcome) {
        QuarkusTransaction.requiringNew().run(() -> {
            PhoneProof proof = entityManager.find(PhoneProof.class, text.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
            if (proof != null) {
                outcome.accept(proof);
            }
        });
    }
}
