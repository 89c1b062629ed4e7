package dev.lifeline.emailverification.mail;

import dev.lifeline.emailverification.challenge.ChallengeSecrets;
import dev.lifeline.emailverification.challenge.Challenges;
import dev.lifeline.emailverification.challenge.EmailChallenge;
import dev.lifeline.messaging.Backoff;
import dev.lifeline.messaging.DueRows;
import dev.lifeline.messaging.TransientFailures;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.privacy.Masks;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends the verification mails that challenges have queued ({@code mail_due_at}), for as long as SMTP refuses:
 * a failed mail is due again after a backoff that doubles up to {@code lifeline.mail.max-backoff}. Each mail
 * issues its challenge's code and link as it is taken, so no secret waits in the database in the clear, and a
 * code's lifetime starts when its mail leaves, not while SMTP was down. Several instances share the queue: a
 * taken mail is leased ({@code lifeline.mail.lease}) and {@code SKIP LOCKED} keeps senders off each other's rows.
 *
 * <p>Mails are paced per recipient address ({@link MailPacing}): the due mails of one address leave as one message
 * (a digest of all their codes, newest first, when there are several), which takes one slot of the address's budget;
 * with no slot left they stay queued until one frees, and then leave together. A stranger starting recoveries of
 * someone's account thus slows the owner's code mail, never silences it (issue 22.7).
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final String FROM_SENDER = "mail-sender";

    /** A mail taken and its secrets, in the clear only until it is handed to SMTP. */
    private record Taken(UUID recoveryId, int mail, Instant requestedAt, String locale,
                         ChallengeSecrets.Issued secrets) {
        @Override
        public String toString() {
            return "Taken[recovery=" + recoveryId + ", mail=" + mail + "]";
        }
    }

    /** The mails taken for one address, newest first, to leave as one message in the budget slot {@code slot}. */
    private record Message(String to, String locale, UUID slot, List<Taken> mails) {
        @Override
        public String toString() {
            return "Message[mails=" + mails + "]";
        }
    }

    /** What one pass took; a full batch of due rows means there may be more. */
    private record Pass(List<Message> messages, boolean full) {
    }

    private final EntityManager entityManager;
    private final Challenges challenges;
    private final VerificationMail verificationMail;
    private final MailPacing pacing;
    private final ReactiveMailer mailer;
    private final MailConfig config;
    private final Audit audit;

    MailSender(EntityManager entityManager, Challenges challenges, VerificationMail verificationMail, MailPacing pacing,
               ReactiveMailer mailer, MailConfig config, Audit audit) {
        this.entityManager = entityManager;
        this.challenges = challenges;
        this.verificationMail = verificationMail;
        this.pacing = pacing;
        this.mailer = mailer;
        this.config = config;
        this.audit = audit;
    }

    @Scheduled(every = "${lifeline.mail.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDueMails() {
        Pass pass;
        do {
            pass = QuarkusTransaction.requiringNew().call(this::takeDueMails);
            pass.messages().forEach(this::send);
        } while (pass.full());
    }

    private Pass takeDueMails() {
        Instant now = Instant.now();
        List<EmailChallenge> due = DueRows.lock(entityManager, EmailChallenge.class, "email_challenge", "mail_due_at",
                "", now, config.batch());
        Map<String, List<EmailChallenge>> byAddress = new LinkedHashMap<>();
        due.stream().filter(EmailChallenge::delivers)
                .forEach(challenge -> byAddress.computeIfAbsent(challenge.email(), a -> new ArrayList<>()).add(challenge));
        // Per-address locks in the order of their keys: concurrent senders never wait for each other in a cycle.
        List<MailPacing.Recipient> recipients = byAddress.keySet().stream().map(pacing::recipient)
                .sorted(Comparator.comparing(MailPacing.Recipient::key).thenComparing(MailPacing.Recipient::address))
                .toList();
        List<Message> messages = new ArrayList<>();
        for (MailPacing.Recipient recipient : recipients) {
            List<EmailChallenge> group = byAddress.get(recipient.address());
            group.addAll(otherDueMails(recipient.address(), group, now));
            take(recipient, group, now).ifPresent(messages::add);
        }
        return new Pass(messages, due.size() == config.batch());
    }

    /** The address's due mails that this batch did not hold (and no other sender does): all go in one message. */
    private List<EmailChallenge> otherDueMails(String address, List<EmailChallenge> taken, Instant now) {
        @SuppressWarnings("unchecked")
        List<EmailChallenge> others = entityManager.createNativeQuery("""
                        SELECT * FROM email_challenge WHERE email = :email AND mail_due_at <= :now
                        AND NOT (recovery_id IN (:taken)) ORDER BY mail_due_at FOR UPDATE SKIP LOCKED""",
                        EmailChallenge.class)
                .setParameter("email", address)
                .setParameter("now", now)
                .setParameter("taken", taken.stream().map(EmailChallenge::recoveryId).toList())
                .getResultList();
        return others;
    }

    /** One address's due mails: taken into one message if its budget has a slot, else deferred until one frees. */
    private Optional<Message> take(MailPacing.Recipient recipient, List<EmailChallenge> group, Instant now) {
        MailPacing.Reservation reservation = pacing.reserve(recipient, now);
        if (!reservation.granted()) {
            group.forEach(challenge -> challenge.deferMail(now, reservation.deferredUntil()));
            return Optional.empty();
        }
        List<Taken> mails = new ArrayList<>();
        for (EmailChallenge challenge : group) {
            challenge.claimMail(now, config.lease()).ifPresent(mail -> challenges.issue(challenge, now).ifPresent(
                    secrets -> mails.add(new Taken(challenge.recoveryId(), mail, challenge.request().at(),
                            challenge.locale(), secrets))));
        }
        if (mails.isEmpty()) {
            pacing.release(reservation.slot());
            return Optional.empty();
        }
        mails.sort(Comparator.comparing(Taken::requestedAt).reversed());
        // In the language of the newest request: the one most likely the reader's own.
        return Optional.of(new Message(recipient.address(), mails.get(0).locale(), reservation.slot(),
                List.copyOf(mails)));
    }

    private void send(Message message) {
        try {
            List<VerificationMail.Code> codes = message.mails().stream().map(taken -> new VerificationMail.Code(
                    taken.secrets().code(), taken.secrets().linkToken(), taken.requestedAt())).toList();
            // Never indefinitely (the blocking Mailer's way): a silent SMTP server would stop every code mail.
            mailer.send(verificationMail.compose(message.to(), message.locale(), codes, challenges.rules().codeTtl()))
                    .await().atMost(config.sendTimeout());
        } catch (RuntimeException e) {
            failed(message, e);
            return;
        }
        // At-least-once: if this process dies (or the database is unreachable for longer than the retries below)
        // between SMTP accepting the mail and this record, the lease runs out and the mail is sent again, with
        // new codes and links that replace the first mail's (and in a slot of its own: the first one stays counted).
        TransientFailures.inNewTransaction(() -> {
            for (Taken taken : byRecovery(message)) {
                EmailChallenge challenge = EmailChallenge.findById(taken.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
                if (challenge != null) {
                    challenge.mailSent(taken.mail(), Instant.now());
                }
            }
        });
        message.mails().forEach(taken -> audit.record(Audit.SYSTEM, "email-challenge.mail", FROM_SENDER, "sent",
                "recovery", taken.recoveryId().toString(), "mail", Integer.toString(taken.mail())));
    }

    /** SMTP refused the message: every mail in it backs off, and its slot is given back (nothing left). */
    private void failed(Message message, RuntimeException failure) {
        String error = error(failure);
        Map<UUID, Integer> attempts = new LinkedHashMap<>();
        TransientFailures.inNewTransaction(() -> {
            attempts.clear();
            for (Taken taken : byRecovery(message)) {
                EmailChallenge challenge = EmailChallenge.findById(taken.recoveryId(), LockModeType.PESSIMISTIC_WRITE);
                if (challenge != null) {
                    attempts.put(taken.recoveryId(), challenge.mailAttempts());
                    challenge.mailFailed(taken.mail(), Instant.now(), error, backoff(challenge.mailAttempts()));
                }
            }
            pacing.release(message.slot());
        });
        for (Taken taken : message.mails()) {
            int before = attempts.getOrDefault(taken.recoveryId(), 0);
            LOG.warn(warning(taken.recoveryId(), before + 1, failure, backoff(before)));
            audit.record(Audit.SYSTEM, "email-challenge.mail", FROM_SENDER, "failed",
                    "recovery", taken.recoveryId().toString(), "mail", Integer.toString(taken.mail()));
        }
    }

    /** A message's mails in one order for every sender, so that recording two messages never deadlocks. */
    private static List<Taken> byRecovery(Message message) {
        return message.mails().stream().sorted(Comparator.comparing(Taken::recoveryId)).toList();
    }

    /** The log line for a mail that SMTP refused, or that never reached it. */
    static String warning(UUID recoveryId, int attempt, RuntimeException failure, Duration retryIn) {
        return "Verification mail for recovery " + recoveryId + " could not be sent (attempt " + attempt + "): "
                + error(failure) + "; retrying in " + retryIn.toMillis() + " ms";
    }

    /**
     * What went wrong, for the log and the challenge's {@code mail_last_error}: an SMTP refusal quotes the
     * recipient ({@code <li.wei@example.com>: Recipient address rejected}), so every address in it is masked.
     */
    static String error(RuntimeException failure) {
        return Masks.failure(failure);
    }

    /** The wait after {@code failuresBefore} earlier failures and this one. */
    private Duration backoff(int failuresBefore) {
        return new Backoff(config.initialBackoff(), config.maxBackoff()).after(failuresBefore + 1);
    }
}
