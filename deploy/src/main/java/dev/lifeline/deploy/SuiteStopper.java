package dev.lifeline.deploy;

import dev.lifeline.testing.ChildProcess;
import dev.lifeline.testing.Directories;
import dev.lifeline.testing.KafkaBroker;
import dev.lifeline.testing.MailServer;
import dev.lifeline.testing.PostgresServer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stops a suite by the PIDs in its state: the services first (together), then mail, broker and database, and deletes
 * their throwaway data (a durable run records none: its data stays for the next {@code up}). Used by {@code down}, by a failed or interrupted {@code up}, and by Ctrl-C in the foreground.
 */
final class SuiteStopper {

    private static final Duration SERVICE_GRACE = Duration.ofSeconds(20);

    private SuiteStopper() {
    }

    /** Stops every component still running; returns how many were. */
    static int stopAll(RunState state, PrintStream out) {
        List<RunState.Component> components = state.components();
        List<RunState.Component> services = components.stream().filter(c -> c.kind() == RunState.Kind.SERVICE).toList();
        int stopped = 0;
        if (!services.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(services.size());
            try {
                for (Future<Integer> stopping : pool.invokeAll(services.stream()
                        .map(service -> (Callable<Integer>) () -> stop(service, out)).toList())) {
                    stopped += stopping.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        for (RunState.Kind kind : List.of(RunState.Kind.MAIL, RunState.Kind.KAFKA, RunState.Kind.POSTGRES)) {
            for (RunState.Component component : components) {
                if (component.kind() == kind) {
                    stopped += stop(component, out);
                }
            }
        }
        return stopped;
    }

    private static int stop(RunState.Component component, PrintStream out) {
        boolean wasRunning = shutDown(component, false, out);
        Directories.deleteRecursively(component.dataDir().orElse(null)); // also when the process had gone already
        return wasRunning ? 1 : 0;
    }

    /**
     * Stops one component and keeps its data: its usual shutdown (a service and the broker SIGTERM, PostgreSQL a fast
     * shutdown), or with {@code kill} SIGKILL, as a crash would. False if it was not running.
     */
    static boolean shutDown(RunState.Component component, boolean kill, PrintStream out) {
        Optional<ChildProcess> process = component.process();
        process.ifPresent(p -> {
            long start = System.nanoTime();
            if (kill) {
                p.kill();
            } else {
                switch (component.kind()) {
                    case SERVICE -> p.stop(SERVICE_GRACE);
                    case MAIL -> MailServer.stop(p);
                    case KAFKA -> KafkaBroker.shutDown(p);
                    case POSTGRES -> PostgresServer.shutDown(p);
                }
            }
            out.printf("%s %s (pid %d) in %.1f s%n", kill ? "killed" : "stopped", component.name(), p.pid(),
                    (System.nanoTime() - start) / 1e9);
        });
        return process.isPresent();
    }
}
