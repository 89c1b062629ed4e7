package dev.lifeline.deploy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What `deploy/lifeline up` gives notification-service, from its own settings and the launcher's environment. */
class NotificationSettingsTest {

    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n";

    @Test
    void theWebhookAndASharedSignalsReceiverComeFromTheLaunchersEnvironment() {
        Map<String, String> environment = new HashMap<>();
        List<String> command = new ArrayList<>();

        SuiteLauncher.notificationSettings(Map.of(
                        "LIFELINE_WEBHOOK_URL", "https://gateway.example/hooks/lifeline",
                        "LIFELINE_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                        "LIFELINE_SSF_RECEIVER_URL", "https://rp.example/ssf/events",
                        "LIFELINE_SSF_RECEIVER_AUDIENCE", "https://rp.example",
                        "LIFELINE_LINKS_RECOVERY_CANCEL", "https://account.example/recovery/cancel"),
                "http://127.0.0.1:8084", "http://127.0.0.1:8081", KEY, environment, command);

        assertThat(environment)
                .containsEntry("LIFELINE_WEBHOOK_URL", "https://gateway.example/hooks/lifeline")
                .containsEntry("LIFELINE_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .containsEntry("LIFELINE_LINKS_RECOVERY_CANCEL", "https://account.example/recovery/cancel")
                .containsEntry("LIFELINE_SSF_ISSUER", "http://127.0.0.1:8084")
                .containsEntry("LIFELINE_SSF_SIGNING_KEY", KEY);
        assertThat(command).containsExactly("-Dlifeline.ssf.receivers[0].url=https://rp.example/ssf/events",
                "-Dlifeline.ssf.receivers[0].audience=https://rp.example");
    }

    @Test
    void aSharedSignalsReceiverWithoutItsAudienceIsRefusedBeforeAnythingStarts() {
        Map<String, String> launcher = Map.of("LIFELINE_SSF_RECEIVER_URL", "https://rp.example/ssf/events");

        assertThat(SuiteLauncher.environmentProblem(launcher)).hasValueSatisfying(problem ->
                assertThat(problem).contains("LIFELINE_SSF_RECEIVER_AUDIENCE"));
        assertThat(SuiteLauncher.environmentProblem(Map.of())).isEmpty();
        assertThatThrownBy(() -> SuiteLauncher.notificationSettings(launcher, "http://127.0.0.1:8084",
                "http://127.0.0.1:8081", KEY, new HashMap<>(), new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LIFELINE_SSF_RECEIVER_AUDIENCE");
    }

    @Test
    void withoutThemTheSuiteHasNoWebhookNoReceiverAndACancelLinkOfItsOwn() {
        Map<String, String> environment = new HashMap<>();
        List<String> command = new ArrayList<>();

        SuiteLauncher.notificationSettings(Map.of("LIFELINE_WEBHOOK_URL", " "), "http://127.0.0.1:8084",
                "http://127.0.0.1:8081", KEY, environment, command);

        assertThat(environment).doesNotContainKeys("LIFELINE_WEBHOOK_URL", "LIFELINE_WEBHOOK_SECRET")
                .containsEntry("LIFELINE_LINKS_RECOVERY_CANCEL", "http://127.0.0.1:8081/recovery/cancel");
        assertThat(command).isEmpty();
    }
}
