package dev.lifeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifeline.testing.ChildProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateTest {

    @TempDir
    Path dir;

    private final List<ChildProcess> sleepers = new ArrayList<>();

    @AfterEach
    void stopSleepers() {
        sleepers.forEach(sleeper -> sleeper.stop(Duration.ZERO));
    }

    @Test
    void restartsRecordedByTwoCommandsAtOnceAreBothKept() {
        Path file = dir.resolve("state.properties");
        RunState up = RunState.create(file);
        up.addComponent(sleeper("identity-service"), RunState.Kind.SERVICE, null, "http://127.0.0.1:8081");
        up.addComponent(sleeper("identity-service-2"), RunState.Kind.SERVICE, null, "http://127.0.0.1:41001");
        // Two `start` commands, each with the state as it read it before the other wrote.
        RunState first = RunState.read(file).orElseThrow();
        RunState second = RunState.read(file).orElseThrow();
        ChildProcess restarted = sleeper("identity-service");
        ChildProcess restarted2 = sleeper("identity-service-2");

        first.recordRestart(restarted);
        second.recordRestart(restarted2);

        RunState now = RunState.read(file).orElseThrow();
        assertThat(now.component("identity-service").orElseThrow().pid()).isEqualTo(restarted.pid());
        assertThat(now.component("identity-service-2").orElseThrow().pid()).isEqualTo(restarted2.pid());
    }

    @Test
    void componentRecordedAgainReplacesItsEarlierRecord() {
        RunState state = RunState.create(dir.resolve("state.properties"));
        state.addComponent(sleeper("kafka"), RunState.Kind.KAFKA, dir.resolve("kafka"), "127.0.0.1:21001",
                "controller 127.0.0.1:21002");
        ChildProcess again = sleeper("kafka");

        state.addComponent(again, RunState.Kind.KAFKA, dir.resolve("kafka"), "127.0.0.1:23001", "controller 127.0.0.1:23002");

        assertThat(RunState.read(dir.resolve("state.properties")).orElseThrow().components()).singleElement()
                .satisfies(kafka -> {
                    assertThat(kafka.pid()).isEqualTo(again.pid());
                    assertThat(kafka.address()).isEqualTo("127.0.0.1:23001");
                    assertThat(kafka.detail()).isEqualTo("controller 127.0.0.1:23002");
                });
    }

    private ChildProcess sleeper(String name) {
        ChildProcess sleeper = ChildProcess.start(name, List.of("sleep", "30"), Map.of(), dir, dir.resolve(name + ".log"),
                false);
        sleepers.add(sleeper);
        return sleeper;
    }
}
