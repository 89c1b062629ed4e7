package dev.lifeline.messaging;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.util.List;

/**
 * {@code lifeline-outbox}: DOWN while the relay has parked rows it could not publish, naming the oldest.
 *
 * <p>A wellness check ({@code /q/health/well}, and the overall {@code /q/health}), not readiness or liveness: a
 * parked row needs a person, not a restart, and the instance still publishes everything else. Taking it out of
 * the load balancer (readiness) or restarting it (liveness) would turn one bad event into an outage.
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    static final String NAME = "lifeline-outbox";

    private final EntityManager entityManager;

    OutboxHealthCheck(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    @Transactional
    public HealthCheckResponse call() {
        long parked = ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM outbox_message WHERE parked_at IS NOT NULL").getSingleResult()).longValue();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(parked == 0).withData("parked", parked);
        if (parked > 0) {
            List<OutboxMessage> oldest = OutboxMessage.find("parkedAt is not null order by position").page(0, 1).list();
            OutboxMessage first = oldest.get(0);
            response.withData("oldestParkedEventId", first.id.toString())
                    .withData("oldestParkedType", first.type)
                    .withData("oldestParkedReason", first.parkReason);
        }
        return response.build();
    }
}
