package dev.lifeline.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
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
 * their throwaway data. Used by {@code down}, by a failed or interrupted {@code up}, and by Ctrl-C in the foreground.
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
        Optional<ChildProcess> process = component.process();
        Path dataDir = component.dataDir().orElse(null);
        process.ifPresent(p -> {
            long start = System.nanoTime();
            switch (component.kind()) {
                case SERVICE -> p.stop(SERVICE_GRACE);
                case MAIL -> MailServer.stop(p);
                case KAFKA -> KafkaBroker.stop(p, dataDir);
                case POSTGRES -> PostgresServer.stop(p, dataDir);
            }
            out.printf("stopped %s (pid %d) in %.1f s%n", component.name(), p.pid(), (System.nanoTime() - start) / 1e9);
        });
        Directories.deleteRecursively(dataDir); // also when the process had gone already
        return process.isPresent() ? 1 : 0;
    }
}
