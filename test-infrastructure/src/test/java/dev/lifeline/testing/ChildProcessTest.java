package dev.lifeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    private ChildProcess process;

    @AfterEach
    void stopProcess() {
        if (process != null) {
            process.stop(Duration.ZERO);
        }
    }

    @Test
    void outputGoesToTheLogFile() {
        process = start(false, "echo started; exec sleep 30");

        process.awaitLogLine("started", Duration.ofSeconds(10));

        assertThat(process.logTail()).isEqualTo("started");
    }

    @Test
    void waitingForALogLineFailsWithTheLogTailWhenTheProcessExits() {
        process = start(false, "echo 'cannot bind the port'; exit 3");

        assertThatThrownBy(() -> process.awaitLogLine("ready", Duration.ofSeconds(10)))
                .hasMessageContaining("sh exited before it could log 'ready'")
                .hasMessageContaining("cannot bind the port");
    }

    @Test
    void waitingFailsAsPortTakenOnceTheProcessLogsThatItCannotBind() {
        // GreenMail so: its API cannot bind, the process lives on with SMTP.
        process = start(false, "echo 'java.net.BindException: Address already in use'; exec sleep 30");

        Throwable failure = catchThrowable(() -> process.awaitLogLine("ready", Duration.ofSeconds(30)));

        assertThat(failure).isInstanceOf(PortTakenException.class)
                .hasMessageContaining("sh could not listen on a port of its own: another process has it")
                .hasMessageContaining("BindException");
        assertThat(((PortTakenException) failure).process()).isSameAs(process);
    }

    @Test
    void processThatExitsForAnotherReasonHasNotFoundItsPortTaken() {
        process = start(false, "echo 'no such file'; exit 3");

        assertThatThrownBy(() -> process.awaitLogLine("ready", Duration.ofSeconds(10)))
                .isNotInstanceOf(PortTakenException.class)
                .hasMessageContaining("sh exited before it could log 'ready'");
    }

    @Test
    void bindFailureInTheLogFromBeforeTheProcessStartedIsNotItsOwn() throws Exception {
        Files.writeString(dir.resolve("sh.log"), "Unable to start acceptor for CONTROLLER\n");

        process = start(false, "echo started; exec sleep 30");
        process.awaitLogLine("started", Duration.ofSeconds(10));

        assertThat(process.failedToBind()).isFalse();
    }

    @Test
    void waitingForAPortFailsAfterTheTimeout() {
        process = start(false, "exec sleep 30");

        assertThatThrownBy(() -> process.awaitPort(Ports.free(), Duration.ofMillis(300)))
                .hasMessageContaining("did not accept connections on 127.0.0.1:")
                .hasMessageContaining("within 0.3 s");
    }

    @Test
    void stopKillsAProcessThatIgnoresSigtermAfterTheGracePeriod() {
        process = start(false, "trap '' TERM; echo trapped; while :; do sleep 0.1; done");
        process.awaitLogLine("trapped", Duration.ofSeconds(10));

        process.stop(Duration.ofMillis(300));

        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void interruptSendsSigint() {
        process = start(false, "trap 'echo got INT; exit 0' INT; echo trapped; while :; do sleep 0.1; done");
        process.awaitLogLine("trapped", Duration.ofSeconds(10));

        process.interrupt(Duration.ofSeconds(10));

        assertThat(process.isAlive()).isFalse();
        assertThat(process.logTail()).contains("got INT");
    }

    @Test
    void detachedProcessLeadsItsOwnSessionUnderTheSamePid() throws Exception {
        process = start(true, "echo started; exec sleep 30");
        process.awaitLogLine("started", Duration.ofSeconds(10));

        // /proc/<pid>/stat: "pid (comm) state ppid pgrp session ..."; setsid exec'd sh without forking
        String[] stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split("\\) ")[1].split(" ");
        assertThat(Long.parseLong(stat[3])).isEqualTo(process.pid());
        assertThat(ProcessHandle.of(process.pid()).flatMap(h -> h.info().command()).orElseThrow()).doesNotEndWith("setsid");
    }

    @Test
    void attachFindsARecordedProcess() {
        process = start(false, "exec sleep 30");

        assertThat(ChildProcess.attach("sh", process.pid(), process.startedAt(), process.log())).isPresent();
    }

    @Test
    void attachIgnoresARecycledPid() {
        process = start(false, "exec sleep 30");

        assertThat(ChildProcess.attach("sh", process.pid(), process.startedAt().minusSeconds(60), process.log())).isEmpty();
    }

    private ChildProcess start(boolean detached, String script) {
        return ChildProcess.start("sh", List.of("sh", "-c", script), Map.of(), dir, dir.resolve("sh.log"), detached);
    }
}
