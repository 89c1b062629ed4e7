package dev.lifeline.notification.ssf;

import com.sun.net.httpserver.HttpServer;
import dev.lifeline.events.DeliveryStatus;
import dev.lifeline.http.outbound.DeliveryFailure;
import dev.lifeline.http.outbound.HttpDelivery;
import dev.lifeline.notification.channel.Outcome;
import dev.lifeline.notification.message.Template;
import dev.lifeline.notification.ssf.TestSsfConfig.TestReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SharedSignalsChannelTest {

    /** What a receiver got: one POST. */
    record Push(String contentType, String accept, String authorization, String body) {
    }

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopReceivers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aReceiverThatAcceptsGetsEverySetAsSecEventJwt() throws Exception {
        List<Push> pushes = new CopyOnWriteArrayList<>();
        URI receiver = receiver(202, pushes);

        Outcome outcome = channel(TestReceiver.at(receiver)).deliver(Notifications.of(Template.PASSWORD_CHANGED));

        assertThat(outcome).isEqualTo(Outcome.sent("2 SETs to 1 receiver"));
        assertThat(pushes).hasSize(2).allSatisfy(push -> {
            assertThat(push.contentType()).isEqualTo("application/secevent+jwt");
            assertThat(push.accept()).isEqualTo("application/json");
            assertThat(push.authorization()).isNull();
            assertThat(SetVerifier.verify(push.body(), TestReceiver.AUDIENCE).getJwtClaims().hasClaim("events")).isTrue();
        });
    }

    @Test
    void aReceiverWithABearerTokenAndAudienceGetsBoth() throws Exception {
        List<Push> pushes = new CopyOnWriteArrayList<>();
        URI url = receiver(202, pushes);
        TestReceiver receiver = new TestReceiver(url, "rp-1", Optional.of("s3cret"));

        channel(receiver).deliver(Notifications.of(Template.RECOVERY_STARTED));

        assertThat(pushes).singleElement().satisfies(push -> {
            assertThat(push.authorization()).isEqualTo("Bearer s3cret");
            assertThat(SetVerifier.verify(push.body(), "rp-1").getJwtClaims().getAudience())
                    .containsExactly("rp-1");
        });
    }

    @Test
    void everyConfiguredReceiverIsTold() throws Exception {
        List<Push> first = new CopyOnWriteArrayList<>();
        List<Push> second = new CopyOnWriteArrayList<>();

        Outcome outcome = channel(TestReceiver.at(receiver(202, first)), TestReceiver.at(receiver(200, second)))
                .deliver(Notifications.of(Template.PHONE_CHANGED));

        assertThat(outcome).isEqualTo(Outcome.sent("1 SET to 2 receivers"));
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
    }

    @Test
    void anUnavailableReceiverMakesTheDeliveryRetryable() throws Exception {
        URI receiver = receiver(503, new CopyOnWriteArrayList<>());

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> channel(TestReceiver.at(receiver)).deliver(Notifications.of(Template.RECOVERY_STARTED)));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("answered 503");
    }

    @Test
    void aRefusingReceiverFailsTheDeliveryForGood() throws Exception {
        URI receiver = receiver(400, new CopyOnWriteArrayList<>());

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> channel(TestReceiver.at(receiver)).deliver(Notifications.of(Template.RECOVERY_STARTED)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("answered 400");
    }

    @Test
    void oneUnavailableReceiverDoesNotKeepTheOthersFromBeingTold() throws Exception {
        List<Push> healthy = new CopyOnWriteArrayList<>();
        SharedSignalsChannel channel = channel(TestReceiver.at(receiver(503, new CopyOnWriteArrayList<>())),
                TestReceiver.at(receiver(202, healthy)));

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> channel.deliver(Notifications.of(Template.PASSWORD_CHANGED)));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageStartingWith("1 of 2 receivers failed");
        assertThat(healthy).hasSize(2);
    }

    @Test
    void aRetryableFailureWinsOverARefusalSoTheDeliveryIsTriedAgain() throws Exception {
        SharedSignalsChannel channel = channel(TestReceiver.at(receiver(400, new CopyOnWriteArrayList<>())),
                TestReceiver.at(receiver(503, new CopyOnWriteArrayList<>())));

        DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class,
                () -> channel.deliver(Notifications.of(Template.RECOVERY_STARTED)));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageStartingWith("2 of 2 receivers failed");
    }

    @Test
    void withoutReceiversTheChannelSkips() throws Exception {
        Outcome outcome = channel().deliver(Notifications.of(Template.PASSWORD_CHANGED));

        assertThat(outcome).isEqualTo(Outcome.skipped("no shared-signals receiver configured"));
    }

    @Test
    void aTemplateWithoutASharedSignalIsSkippedWithoutCallingAnyReceiver() throws Exception {
        List<Push> pushes = new CopyOnWriteArrayList<>();

        Outcome outcome = channel(TestReceiver.at(receiver(202, pushes)))
                .deliver(Notifications.of(Template.RECOVERY_APPROVED));

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(outcome.detail()).isEqualTo("no shared signal for recovery-approved");
        assertThat(pushes).isEmpty();
    }

    private static SharedSignalsChannel channel(TestReceiver... receivers) {
        TestSsfConfig config = TestSsfConfig.withReceivers(receivers);
        return new SharedSignalsChannel(config, new SecurityEventTokens(config, SetVerifier.KEY), new HttpDelivery());
    }

    /** A push endpoint on loopback that answers every POST with {@code status} and records it. */
    private URI receiver(int status, List<Push> pushes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            pushes.add(new Push(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }
}
