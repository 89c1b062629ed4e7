package dev.lifeline.notification.delivery;

import dev.lifeline.notification.testing.DeliveryLog;
import dev.lifeline.notification.testing.HttpReceivers;
import dev.lifeline.notification.testing.NotificationTest;
import dev.lifeline.notification.testing.Recoveries;
import dev.lifeline.notification.testing.Recoveries.TestRecovery;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A decoy — identity-service's answer to an unknown identifier — notifies nobody. */
@NotificationTest
class DecoyTest {

    @Test
    void aDecoyNotifiesNobody() {
        UUID decoy = Recoveries.decoy();
        // A real recovery published after it: once its deliveries are done, the decoy's event was consumed too.
        TestRecovery real = Recoveries.started("en");
        DeliveryLog.awaitFinal(real.recoveryId(), 4);

        assertThat(DeliveryLog.of(decoy)).isEmpty();
        assertThat(HttpReceivers.WEBHOOK.mentioning(decoy)).isEmpty();
        assertThat(HttpReceivers.SMS.mentioning(decoy)).isEmpty();
    }
}
