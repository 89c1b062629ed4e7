package dev.lifeline.notification.message;

import dev.lifeline.http.locale.Locales;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a notification in the recipient's language from the Qute templates
 * {@code templates/notifications/<template>-<locale>.txt}: their first paragraph is the headline (the key sentence
 * a text message carries), the rest says what to do. The mail's HTML wraps the same paragraphs
 * ({@code notifications/layout.html}, escaped by Qute). Titles are in {@link #TITLES}.
 */
@ApplicationScoped
public class Messages {

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry(key(Template.RECOVERY_STARTED, Locales.ENGLISH), "A recovery of your account has started"),
            Map.entry(key(Template.RECOVERY_STARTED, Locales.CHINESE), "您的账号正在被找回"),
            Map.entry(key(Template.RECOVERY_APPROVED, Locales.ENGLISH), "Your account recovery was approved"),
            Map.entry(key(Template.RECOVERY_APPROVED, Locales.CHINESE), "您的账号找回申请已通过"),
            Map.entry(key(Template.PASSWORD_CHANGED, Locales.ENGLISH), "Your password was changed"),
            Map.entry(key(Template.PASSWORD_CHANGED, Locales.CHINESE), "您的密码已修改"),
            Map.entry(key(Template.RECOVERY_CANCELLED, Locales.ENGLISH), "Your account recovery was cancelled"),
            Map.entry(key(Template.RECOVERY_CANCELLED, Locales.CHINESE), "您的账号找回已取消"),
            Map.entry(key(Template.RECOVERY_EXPIRED, Locales.ENGLISH), "Your account recovery expired"),
            Map.entry(key(Template.RECOVERY_EXPIRED, Locales.CHINESE), "您的账号找回已过期"),
            Map.entry(key(Template.RECOVERY_REJECTED, Locales.ENGLISH), "Your account recovery was refused"),
            Map.entry(key(Template.RECOVERY_REJECTED, Locales.CHINESE), "您的账号找回未通过"),
            Map.entry(key(Template.PHONE_CHANGED, Locales.ENGLISH), "A new phone number was bound to your account"),
            Map.entry(key(Template.PHONE_CHANGED, Locales.CHINESE), "您的账号已绑定新手机号"),
            Map.entry(key(Template.RECOVERY_CODES_ISSUED, Locales.ENGLISH), "New recovery codes were saved for your account"),
            Map.entry(key(Template.RECOVERY_CODES_ISSUED, Locales.CHINESE), "您的账号已保存新的恢复码"),
            Map.entry(key(Template.RECOVERY_CODES_USED_UP, Locales.ENGLISH), "You have no recovery codes left"),
            Map.entry(key(Template.RECOVERY_CODES_USED_UP, Locales.CHINESE), "您的恢复码已用完"),
            Map.entry(key(Template.RECOVERY_REQUESTS_DIGEST, Locales.ENGLISH), "More recoveries of your account were requested"),
            Map.entry(key(Template.RECOVERY_REQUESTS_DIGEST, Locales.CHINESE), "您的账号又有多次找回申请"));

    /** Facts that are instants, shown like {@code occurredAt}. */
    private static final List<String> INSTANTS = List.of("resetAllowedAt", "from", "until");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneId.of("UTC"));

    private final Engine engine;
    private final LinksConfig links;

    Messages(Engine engine, LinksConfig links) {
        this.engine = engine;
        this.links = links;
    }

    public Message render(Notification notification) {
        String language = Locales.supported(notification.recipient().locale());
        Map<String, Object> data = new HashMap<>(notification.facts());
        if (notification.recoveryId() != null) { // an account event's notification is about no recovery
            data.put("cancelLink", UriBuilder.fromUri(links.recoveryCancel())
                    .queryParam("recovery", notification.recoveryId()).build().toString());
            data.put("recoveryId", notification.recoveryId().toString());
        }
        data.put("occurredAt", WHEN.format(notification.occurredAt()));
        for (String instant : INSTANTS) {
            if (notification.facts().containsKey(instant)) {
                data.put(instant, WHEN.format(Instant.parse(notification.facts().get(instant))));
            }
        }
        data.put("coolingOff", Boolean.parseBoolean(notification.facts().getOrDefault("coolingOff", "false")));
        data.put("bySupport", "SUPPORT".equals(notification.facts().get("cancelledBy")));
        String text = render(engine.getTemplate("notifications/" + notification.template().id() + "-" + language
                + ".txt").instance(), data).strip();
        String[] paragraphs = text.split("\\n\\s*\\n");
        String title = TITLES.get(key(notification.template(), language));
        String html = engine.getTemplate("notifications/layout.html").instance()
                .data("lang", language).data("title", title).data("paragraphs", paragraphs).render();
        return new Message(language, title, text, html, paragraphs[0].replaceAll("\\s+", " ").strip());
    }

    private static String render(TemplateInstance instance, Map<String, Object> data) {
        data.forEach(instance::data);
        return instance.render();
    }

    private static String key(Template template, String language) {
        return template.id() + "/" + language;
    }
}
