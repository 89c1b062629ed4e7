package dev.lifeline.notification.api;

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
 * The delivery log, for support: what the owner of a recovered account was told, where (addresses masked) and how
 * it went. Every read is audited.
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"support-agent", "support-supervisor"})
public class NotificationResource {

    /** One delivery as support sees it. */
    public record DeliveryView(UUID deliveryId, UUID causationId, String eventType, String template, String channel,
                               String status, int attempts, String detail, String lastError, Instant createdAt,
                               Instant finishedAt) {
        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.id(), delivery.eventId(), delivery.eventType(),
                    delivery.template().id(), delivery.channel().name(), delivery.status().name(),
                    delivery.attempts(), delivery.detail().orElse(null), delivery.lastError().orElse(null),
                    delivery.createdAt(), delivery.finishedAt().orElse(null));
        }
    }

    public record DeliveryLog(UUID recoveryId, List<DeliveryView> deliveries) {
    }

    private final Actors actors;
    private final Audit audit;

    NotificationResource(Actors actors, Audit audit) {
        this.actors = actors;
        this.audit = audit;
    }

    @GET
    @Transactional
    public DeliveryLog log(@QueryParam("recoveryId") String recoveryId, @Context HttpServerRequest request) {
        UUID id = parse(recoveryId);
        List<DeliveryView> deliveries = Delivery.<Delivery>list("recoveryId = ?1 order by createdAt, channel", id)
                .stream().map(DeliveryView::of).toList();
        audit.record(actors.current(), "notification.log.read", ClientAddress.of(request), "ok",
                "recovery", id.toString(), "deliveries", Integer.toString(deliveries.size()));
        return new DeliveryLog(id, deliveries);
    }

    private static UUID parse(String recoveryId) {
        if (recoveryId == null || recoveryId.isBlank()) {
            throw invalid("is required");
        }
        try {
            return UUID.fromString(recoveryId.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("must be a UUID");
        }
    }

    private static ProblemException invalid(String message) {
        return new ProblemException(InputProblemMappers.invalidRequest("The request is not valid.",
                List.of(new Violation("recoveryId", message))));
    }
}
