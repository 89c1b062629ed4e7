package dev.lifeline.notification.delivery;

import dev.lifeline.events.Channel;
import dev.lifeline.events.LifelineEvent;
import dev.lifeline.events.PasswordReset;
import dev.lifeline.events.PhoneNumberChanged;
import dev.lifeline.events.RecoveryApproved;
import dev.lifeline.events.RecoveryCancelled;
import dev.lifeline.events.RecoveryCodeUsed;
import dev.lifeline.events.RecoveryCodesIssued;
import dev.lifeline.events.RecoveryExpired;
import dev.lifeline.events.RecoveryRejected;
import dev.lifeline.events.RecoveryRequested;
import dev.lifeline.notification.message.Template;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What each event tells the owner, and on which channels (configuration:
 * {@code lifeline.notifications.routes.<template>}). Only identity-service's events about a real account notify:
 * a decoy's have no template, and participants' steps (a verified email, a confirmed identity) are told by the
 * recovery's own events that follow. So is a used recovery code, unless it was the last one: the owner then has
 * none left for the next recovery. A new set of codes, an account event, is told whoever issued it: a stranger
 * who is signed in must not replace the owner's codes unnoticed.
 * <p>
 * Slowed, never silenced (issue 22.7): anyone who knows a username can start recoveries of its account, and each
 * is real, so the "a recovery was requested" alerts are {@linkplain #paced paced} per account on the channels that
 * reach a person — EMAIL and SMS — beyond a few per window they are gathered into one digest
 * ({@link RecoveryAlertPace}). WEBHOOK and SHARED_SIGNALS are not paced: their receivers are machines (the gateway,
 * relying parties) that may act on every recovery, and a flood costs the owner nothing there. No other template is
 * paced: only a start is in a stranger's hands.
 */
@ApplicationScoped
@Startup
public class NotificationPlan {

    /** A template and the facts it may say. */
    public record Told(Template template, Map<String, String> facts) {
    }

    private final Map<Template, List<Channel>> routes = new EnumMap<>(Template.class);

    NotificationPlan(NotificationConfig config) {
        Map<String, Template> byId = Arrays.stream(Template.values())
                .collect(Collectors.toMap(Template::id, template -> template));
        config.routes().forEach((id, channels) -> {
            Template template = byId.get(id);
            if (template == null) {
                throw new IllegalStateException("lifeline.notifications.routes." + id + ": no such template; known: "
                        + byId.keySet());
            }
            if (!template.routed()) {
                throw new IllegalStateException("lifeline.notifications.routes." + id + ": it has no route, it goes on "
                        + "the channels whose alerts it gathers");
            }
            routes.put(template, List.copyOf(new LinkedHashSet<>(channels)));
        });
        for (Template template : Template.values()) {
            if (template.routed() && !routes.containsKey(template)) {
                throw new IllegalStateException("lifeline.notifications.routes." + template.id()
                        + " is missing: say which channels it goes to (it may be empty)");
            }
        }
    }

    public static Optional<Told> told(LifelineEvent event) {
        if (event instanceof RecoveryRequested requested) {
            return told(Template.RECOVERY_STARTED, Map.of("expiresAt", requested.expiresAt().toString()));
        }
        if (event instanceof RecoveryApproved approved) {
            boolean coolingOff = approved.resetAllowedAt().isAfter(approved.occurredAt());
            return told(Template.RECOVERY_APPROVED, Map.of("resetAllowedAt", approved.resetAllowedAt().toString(),
                    "coolingOff", Boolean.toString(coolingOff)));
        }
        if (event instanceof PasswordReset reset) {
            return told(Template.PASSWORD_CHANGED, Map.of("sessionsRevoked", Boolean.toString(reset.sessionsRevoked())));
        }
        if (event instanceof RecoveryCancelled cancelled) {
            return told(Template.RECOVERY_CANCELLED, Map.of("cancelledBy", cancelled.by().name()));
        }
        if (event instanceof RecoveryExpired) {
            return told(Template.RECOVERY_EXPIRED, Map.of());
        }
        if (event instanceof RecoveryRejected) {
            return told(Template.RECOVERY_REJECTED, Map.of());
        }
        if (event instanceof PhoneNumberChanged changed) {
            return told(Template.PHONE_CHANGED, Map.of("maskedPhone", changed.maskedPhone()));
        }
        if (event instanceof RecoveryCodeUsed used && used.codesLeft() == 0) {
            return told(Template.RECOVERY_CODES_USED_UP, Map.of());
        }
        if (event instanceof RecoveryCodesIssued issued) {
            return told(Template.RECOVERY_CODES_ISSUED, Map.of("codes", Integer.toString(issued.codes())));
        }
        return Optional.empty();
    }

    public List<Channel> channels(Template template) {
        return routes.get(template);
    }

    /** Whether the template's alerts on the channel are bounded per account (and the rest digested). */
    public static boolean paced(Template template, Channel channel) {
        return template == Template.RECOVERY_STARTED && (channel == Channel.EMAIL || channel == Channel.SMS);
    }

    private static Optional<Told> told(Template template, Map<String, String> facts) {
        return Optional.of(new Told(template, facts));
    }
}
