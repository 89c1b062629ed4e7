package dev.lifeline.notification.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lifeline.http.audit.Audit;
import dev.lifeline.http.client.ClientAddress;
import dev.lifeline.http.problem.InputProblemMappers;
import dev.lifeline.http.problem.ProblemException;
import dev.lifeline.http.problem.Violation;
import dev.lifeline.http.security.Actors;
import dev.lifeline.notification.delivery.Delivery;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The delivery log, for support: what the owner of an account was told, where (addresses masked) and how it went —
 * about one recovery ({@code ?recoveryId=}), or everything about one account ({@code ?accountId=}: its recoveries'
 * and its own events', such as a new set of recovery codes). Every read is audited.
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"support-agent", "support-supervisor"})
public class NotificationResource {

    /** One delivery as support sees it; {@code recoveryId} is null for an account event's. */
    public record DeliveryView(UUID deliveryId, UUID causationId, UUID recoveryId, String eventType, String template,
                               String channel, String status, int attempts, String detail, String lastError,
                               Instant createdAt, Instant finishedAt) {
        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.id(), delivery.eventId(), delivery.recoveryId().orElse(null),
                    delivery.eventType(),
                    delivery.template().id(), delivery.channel().name(), delivery.status().name(),
                    delivery.attempts(), delivery.detail().orElse(null), delivery.lastError().orElse(null),
                    delivery.createdAt(), delivery.finishedAt().orElse(null));
        }
    }

    /** The log of what was asked for: the recovery's, or the account's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryLog(UUID recoveryId, UUID accountId, List<DeliveryView> deliveries) {
    }

    private final Actors actors;
    private final Audit audit;

    NotificationResource(Actors actors, Audit audit) {
        this.actors = actors;
        this.audit = audit;
    }

    @GET
    @Transactional
    public DeliveryLog log(@QueryParam("recoveryId") String recoveryId, @QueryParam("accountId") String accountId,
                           @Context HttpServerRequest request) {
        if (accountId != null && recoveryId != null) {
            throw invalid("accountId", "cannot be combined with recoveryId");
        }
        if (accountId != null) {
            UUID id = parse("accountId", accountId);
            return new DeliveryLog(null, id, read("account", "accountId", id, request));
        }
        UUID id = parse("recoveryId", recoveryId);
        return new DeliveryLog(id, null, read("recovery", "recoveryId", id, request));
    }

    private List<DeliveryView> read(String subject, String property, UUID id, HttpServerRequest request) {
        List<DeliveryView> deliveries = Delivery.<Delivery>list(property + " = ?1 order by createdAt, channel", id)
                .stream().map(DeliveryView::of).toList();
        audit.record(actors.current(), "notification.log.read", ClientAddress.of(request), "ok",
                subject, id.toString(), "deliveries", Integer.toString(deliveries.size()));
        return deliveries;
    }

    private static UUID parse(String field, String id) {
        if (id == null || id.isBlank()) {
            throw invalid(field, "is required");
        }
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(field, "must be a UUID");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(InputProblemMappers.invalidRequest("The request is not valid.",
                List.of(new Violation(field, message))));
    }
}
