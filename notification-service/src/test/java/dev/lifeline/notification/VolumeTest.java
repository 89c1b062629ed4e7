package dev.lifeline.notification;

import dev.lifeline.testing.TestTokens;
import dev.lifeline.http.testing.Volume;
import dev.lifeline.notification.testing.NotificationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** A few thousand delivery-log reads and discovery requests without a stall (see {@link Volume}). */
@NotificationTest
class VolumeTest {

    @Test
    void twoThousandLogReadsAndDiscoveryRequestsAreAllAnsweredWithoutAStall() throws Exception {
        String token = TestTokens.supportAgent();
        Volume.Run run = Volume.send(2_000, 8, i -> i % 4 == 0
                ? given().get("/.well-known/ssf-configuration").statusCode()
                : given().auth().oauth2(token).queryParam("recoveryId", UUID.randomUUID())
                        .get("/api/v1/notifications").statusCode());

        assertThat(run.statuses()).containsOnly(200);
        run.assertNoStall();
    }
}
