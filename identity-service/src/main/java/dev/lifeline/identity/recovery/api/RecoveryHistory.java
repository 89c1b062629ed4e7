package dev.lifeline.identity.recovery.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lifeline.events.messaging.OutboxMessage;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.identity.recovery.Recovery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account's recoveries for support, newest first, each with its events read back from the outbox: the rows
 * are exactly what was published, in publication order.
 */
@ApplicationScoped
public class RecoveryHistory {

    private final ObjectMapper json;
    private final Audit audit;

    RecoveryHistory(ObjectMapper json, Audit audit) {
        this.json = json;
        this.audit = audit;
    }

    /** Support looks an account up; the look-up itself is audited (who looked at whose recoveries). */
    @Transactional
    public List<SupportRecoveryView> of(UUID accountId, String agent, String from) {
        Instant now = Instant.now();
        List<Recovery> recoveries = Recovery.list("accountId = ?1 order by createdAt desc", accountId);
        List<SupportRecoveryView> views = recoveries.stream()
                .map(recovery -> SupportRecoveryView.of(recovery, now, events(recovery.id())))
                .toList();
        audit.record(agent, "recovery.list", from, "listed", "account", accountId.toString(),
                "recoveries", Integer.toString(views.size()));
        return views;
    }

    private List<SupportRecoveryView.HistoryEntry> events(UUID recoveryId) {
        List<OutboxMessage> messages = OutboxMessage.list("subject = ?1 order by position", recoveryId.toString());
        return messages.stream()
                .map(m -> new SupportRecoveryView.HistoryEntry(m.id, m.type, m.occurredAt, parse(m.payload)))
                .toList();
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
