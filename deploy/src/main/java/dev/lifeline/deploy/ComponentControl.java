package dev.lifeline.deploy;

import dev.lifeline.testing.ChildProcess;
import dev.lifeline.testing.KafkaBroker;
import dev.lifeline.testing.PostgresServer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code lifeline stop COMPONENT [--kill]} and {@code lifeline start COMPONENT}: one component of a running suite
 * goes away (its usual shutdown, or SIGKILL as in a crash) and comes back with the same command, environment, ports
 * and data that {@code up} gave it (all in the {@link RunState}), while the others keep running — what an operator
 * does to restart a service and what the fault tests do to the broker, the database and each service.
 */
final class ComponentControl {

    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration INFRASTRUCTURE_READY_TIMEOUT = Duration.ofSeconds(90);

    private final RunState state;
    private final PrintStream out;
    private final PrintStream err;

    ComponentControl(RunState state, PrintStream out, PrintStream err) {
        this.state = state;
        this.out = out;
        this.err = err;
    }

    int stop(String name, boolean kill) {
        Optional<RunState.Component> component = recorded(name);
        if (component.isEmpty()) {
            return 1;
        }
        if (!SuiteStopper.shutDown(component.get(), kill, out)) {
            err.println("lifeline: " + name + " is not running (deploy/lifeline start " + name + " starts it)");
            return 1;
        }
        return 0;
    }

    int start(String name) {
        Optional<RunState.Component> recorded = recorded(name);
        if (recorded.isEmpty()) {
            return 1;
        }
        RunState.Component component = recorded.get();
        Optional<ChildProcess> running = component.process();
        if (running.isPresent()) {
            err.println("lifeline: " + name + " is already running (pid " + running.get().pid() + ")");
            return 1;
        }
        if (component.launch().isEmpty()) {
            err.println("lifeline: the state of this run does not say how " + name + " was started (an older launcher "
                    + "started it); restart the suite with deploy/lifeline down and up");
            return 1;
        }
        long start = System.nanoTime();
        // Its log is appended to: readiness is the next ready line, not one from before.
        String readyLine = switch (component.kind()) {
            case KAFKA -> KafkaBroker.STARTED;
            case POSTGRES -> PostgresServer.READY_LINE;
            case SERVICE, MAIL -> null;
        };
        long seen = readyLine == null ? 0 : ChildProcess.occurrences(component.log(), readyLine);
        ChildProcess process = ChildProcess.start(name, component.launch().get(), component.log(), true);
        state.recordRestart(process);
        if (readyLine != null) {
            process.awaitLogLine(readyLine, seen, INFRASTRUCTURE_READY_TIMEOUT);
        }
        Duration timeout = component.kind() == RunState.Kind.SERVICE ? SERVICE_READY_TIMEOUT : INFRASTRUCTURE_READY_TIMEOUT;
        process.awaitCondition(() -> "UP".equals(SuiteStatus.health(component, state)), "become ready", timeout);
        out.printf("started %s (pid %d): ready after %.1f s at %s%n", name, process.pid(),
                (System.nanoTime() - start) / 1e9, component.address());
        return 0;
    }

    private Optional<RunState.Component> recorded(String name) {
        Optional<RunState.Component> component = state.component(name);
        if (component.isEmpty()) {
            err.println("lifeline: this run has no " + name + " (deploy/lifeline status lists its components)");
        }
        return component;
    }
}
