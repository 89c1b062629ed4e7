package dev.lifeline.deploy;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IdentitySettingsTest {

    @Test
    void theSuiteWaitsAShortCoolingOffUnlessTheLaunchersEnvironmentNamesOne() {
        Map<String, String> environment = new HashMap<>();

        SuiteLauncher.identitySettings(Map.of(), environment);

        assertThat(environment).containsEntry("LIFELINE_RECOVERY_COOLING_OFF", "PT5S");
    }

    @Test
    void aCoolingOffFromTheLaunchersEnvironmentIsKept() {
        Map<String, String> environment = new HashMap<>();

        SuiteLauncher.identitySettings(Map.of("LIFELINE_RECOVERY_COOLING_OFF", "PT24H"), environment);

        assertThat(environment).containsEntry("LIFELINE_RECOVERY_COOLING_OFF", "PT24H");
    }
}
