package dev.lifeline.identity.recovery.usecase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifeline.messaging.OutboxMessage;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.privacy.Masks;
import dev.lifeline.identity.recovery.Recoveries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An account's recoveries for support, newest first, each with its events read back from the outbox: the rows
 * are what was published, in publication order, with the contacts masked as the review queue masks them (an
 * {@code email} or {@code phone} anywhere in an event's data): support confirms a contact by asking the caller,
 * and a listing that showed them would hand every agent the account's full address and number.
 */
@ApplicationScoped
public class RecoveryHistory {

    private final Recoveries recoveries;
    private final ObjectMapper json;
    private final Audit audit;

    RecoveryHistory(Recoveries recoveries, ObjectMapper json, Audit audit) {
        this.recoveries = recoveries;
        this.json = json;
        this.audit = audit;
    }

    /** Support looks an account up; the look-up itself is audited (who looked at whose recoveries). */
    @Transactional
    public List<SupportRecoveryView> of(UUID accountId, String agent, String from) {
        Instant now = Instant.now();
        List<SupportRecoveryView> views = recoveries.ofAccountNewestFirst(accountId).stream()
                .map(recovery -> SupportRecoveryView.of(recovery, now, events(recovery.id())))
                .toList();
        audit.record(agent, "recovery.list", from, "listed", "account", accountId.toString(),
                "recoveries", Integer.toString(views.size()));
        return views;
    }

    private List<SupportRecoveryView.HistoryEntry> events(UUID recoveryId) {
        List<OutboxMessage> messages = OutboxMessage.list("subject = ?1 order by position", recoveryId.toString());
        return messages.stream()
                .map(m -> new SupportRecoveryView.HistoryEntry(m.id, m.type, m.occurredAt, masked(parse(m.payload))))
                .toList();
    }

    /** Every {@code email} and {@code phone} text, at any depth, masked in place. */
    static JsonNode masked(JsonNode node) {
        if (node instanceof ObjectNode object) {
            // The names first: replacing a value while walking the object's own entries would not be safe.
            for (String name : object.properties().stream().map(Map.Entry::getKey).toList()) {
                JsonNode value = object.get(name);
                if (value.isTextual() && name.equals("email")) {
                    object.put(name, Masks.email(value.asText()));
                } else if (value.isTextual() && name.equals("phone")) {
                    object.put(name, Masks.phone(value.asText()));
                } else {
                    masked(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(RecoveryHistory::masked);
        }
        return node;
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            // Written by EventJson in this service; unreadable means a corrupted row, not bad input.
            throw new IllegalStateException("An outbox row is not JSON", e);
        }
    }
}
