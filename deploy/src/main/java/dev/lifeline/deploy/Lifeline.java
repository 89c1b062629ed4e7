package dev.lifeline.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local launcher, {@code deploy/lifeline}: runs the whole suite on this machine without Docker (a real Kafka
 * broker, PostgreSQL, GreenMail and the four services as processes) and tells you where everything listens.
 */
public final class Lifeline {

    static final String USAGE = """
            usage: deploy/lifeline <command>
              up [--foreground]   start Kafka, PostgreSQL, GreenMail and the four services; returns once all are ready
                                  (--foreground: stay attached; Ctrl-C stops everything)
              down                stop everything `up` started and delete its throwaway data
              status              each component's PID and state; exit code 0 only if all are up
              env                 the endpoints as shell exports:  eval "$(deploy/lifeline env)"
              token ROLE SUBJECT  a development JWT signed with this run's key
                                  (ROLE: admin, gateway, support-agent or support-supervisor)
              dlq list TOPIC      the dead letters on TOPIC.dlq not redriven yet, with the reason of each
              dlq redrive TOPIC   republish them to TOPIC (same key, value and CloudEvents headers), once
                                  (the broker of this run, else $KAFKA_BOOTSTRAP_SERVERS)""";

    private final RunDirectory run;
    private final PrintStream out;
    private final PrintStream err;

    Lifeline(Path repo, PrintStream out, PrintStream err) {
        this.run = new RunDirectory(repo);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        Path repo = Path.of(System.getProperty("lifeline.repo", "")).toAbsolutePath().normalize();
        System.exit(new Lifeline(repo, System.out, System.err).run(args));
    }

    /** Runs one command; returns the process exit code (2: usage). */
    int run(String... args) {
        List<String> arguments = List.of(args);
        String command = arguments.isEmpty() ? "" : arguments.get(0);
        try {
            switch (command) {
                case "up":
                    if (arguments.size() == 1 || arguments.equals(List.of("up", "--foreground"))) {
                        return new SuiteLauncher(run, out, err).up(arguments.size() == 2);
                    }
                    break;
                case "down":
                    if (arguments.size() == 1) {
                        return down();
                    }
                    break;
                case "status":
                    if (arguments.size() == 1) {
                        return status();
                    }
                    break;
                case "env":
                    if (arguments.size() == 1) {
                        return env();
                    }
                    break;
                case "token":
                    if (arguments.size() == 3) {
                        return token(arguments.get(1), arguments.get(2));
                    }
                    break;
                case "dlq":
                    if (arguments.size() == 3 && List.of("list", "redrive").contains(arguments.get(1))) {
                        return deadLetters(arguments.get(1), arguments.get(2));
                    }
                    break;
                default:
                    break;
            }
        } catch (RuntimeException e) {
            err.println("lifeline: " + e.getMessage());
            return 1;
        }
        err.println(USAGE);
        return 2;
    }

    private int down() {
        Optional<RunState> state = RunState.read(run.stateFile());
        if (state.isEmpty()) {
            out.println("Lifeline is not running; nothing to stop.");
            return 0;
        }
        int stopped = SuiteStopper.stopAll(state.get(), out);
        state.get().delete();
        Directories.deleteRecursively(run.keys());
        Directories.deleteRecursively(run.kafkaData());
        out.println(stopped == 0 ? "Nothing was running any more; cleaned up." : "Lifeline is down.");
        return 0;
    }

    private int status() {
        Optional<RunState> state = RunState.read(run.stateFile());
        if (state.isEmpty()) {
            out.println("Lifeline is not running.");
            return 1;
        }
        return printComponents(state.get(), out) ? 0 : 1;
    }

    /** A table of the components; true if every one runs and every service is ready. */
    static boolean printComponents(RunState state, PrintStream out) {
        String format = "%-28s %-8s %-12s %s%n";
        out.printf(format, "COMPONENT", "PID", "STATE", "ADDRESS");
        boolean allUp = true;
        for (RunState.Component component : state.components()) {
            boolean alive = component.process().isPresent();
            String condition;
            if (!alive) {
                condition = "not running";
            } else if (component.kind() == RunState.Kind.SERVICE) {
                condition = Readiness.of(component.address());
            } else {
                condition = "running";
            }
            allUp &= alive && (component.kind() != RunState.Kind.SERVICE || "UP".equals(condition));
            out.printf(format, component.name(), component.pid(), condition, component.address());
        }
        return allUp;
    }

    private int env() {
        Optional<RunState> found = RunState.read(run.stateFile());
        if (found.isEmpty()) {
            err.println("lifeline: Lifeline is not running; start it with deploy/lifeline up");
            return 1;
        }
        RunState state = found.get();
        int dbPort = Integer.parseInt(state.get("db.port"));
        export("KAFKA_BOOTSTRAP_SERVERS", state.get("kafka.bootstrapServers"));
        for (LifelineService service : LifelineService.values()) {
            export(service.envPrefix + "_URL", state.get("service." + service.artifact + ".url"));
        }
        export("LIFELINE_MAIL_API_URL", state.get("mail.apiUrl"));
        export("LIFELINE_SMTP_PORT", state.get("mail.smtpPort"));
        for (LifelineService service : LifelineService.values()) {
            export(service.envPrefix + "_JDBC_URL", PostgresServer.jdbcUrl(dbPort, service.database));
        }
        export("LIFELINE_DB_USERNAME", state.get("db.username"));
        export("LIFELINE_DB_PASSWORD", state.get("db.password"));
        return 0;
    }

    private void export(String name, String value) {
        out.println("export " + name + "='" + value.replace("'", "'\\''") + "'");
    }

    private int deadLetters(String command, String topic) {
        Optional<String> bootstrapServers = RunState.read(run.stateFile()).map(state -> state.get("kafka.bootstrapServers"))
                .or(() -> Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")).filter(s -> !s.isBlank()));
        if (bootstrapServers.isEmpty()) {
            err.println("lifeline: no broker: start Lifeline (deploy/lifeline up) or set KAFKA_BOOTSTRAP_SERVERS");
            return 1;
        }
        return KafkaClients.deadLetters(command, topic, bootstrapServers.get(), out);
    }

    private int token(String role, String subject) {
        if (!DevTokens.ROLES.contains(role)) {
            err.println("lifeline: unknown role '" + role + "'; use one of " + String.join(", ", DevTokens.ROLES));
            return 2;
        }
        Optional<RunState> state = RunState.read(run.stateFile());
        if (state.isEmpty()) {
            err.println("lifeline: Lifeline is not running; tokens are signed with the key of a run (deploy/lifeline up)");
            return 1;
        }
        out.println(DevTokens.load(Path.of(state.get().get("keys.dir"))).sign(role, subject));
        return 0;
    }
}
