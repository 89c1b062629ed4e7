package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real probes on a machine without a Docker engine, as the project's machines are (docs/platform.md). */
class TestInfrastructureWithoutDockerTest {

    private static final String NO_DOCKER_MESSAGE = "LIFELINE_TEST_INFRA=testcontainers but no Docker engine answers";

    @BeforeAll
    static void onlyWithoutDocker() {
        // Told apart from the probe under test by the plainest signs of a Docker engine.
        assumeTrue(System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock")),
                "this machine has a Docker engine (DOCKER_HOST or /var/run/docker.sock): these tests are for one without");
    }

    @Test
    void testcontainersFindsNoDockerEngine() {
        assertThat(TestcontainersInfrastructure.dockerEngineAnswers()).isFalse();
    }

    @Test
    void requestingTestcontainersFailsWithAClearMessage() {
        assertThatThrownBy(() -> TestInfrastructureChoice.onThisMachine().choose("testcontainers"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(NO_DOCKER_MESSAGE)
                .hasMessageEndingWith("unset it or use local");
    }

    @Test
    void autoChoosesLocalProcesses() {
        assertThat(TestInfrastructureChoice.onThisMachine().choose("auto"))
                .isEqualTo(TestInfrastructureChoice.Provider.LOCAL_PROCESSES);
    }

    @Test
    void testResourceFailsFastWhenTestcontainersIsRequested() {
        LocalInfrastructure infrastructure = new LocalInfrastructure();
        infrastructure.init(Map.of("database", "identity"));
        System.setProperty(TestInfrastructureChoice.SETTING, "testcontainers");
        try {
            assertThatThrownBy(infrastructure::start).hasMessageStartingWith(NO_DOCKER_MESSAGE);
        } finally {
            System.clearProperty(TestInfrastructureChoice.SETTING);
        }
        assertThatThrownBy(LocalInfrastructure::bootstrapServers).hasMessageContaining("has not started");
    }
}
