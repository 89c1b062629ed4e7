package dev.lifeline.deploy;

import dev.lifeline.testing.DevTokens;
import dev.lifeline.testing.Directories;
import dev.lifeline.testing.PostgresServer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The local launcher, {@code deploy/lifeline}: runs the whole suite on this machine without Docker (a real Kafka
 * broker, PostgreSQL, GreenMail and the four services as processes) and tells you where everything listens.
 */
public final class Lifeline {

    static final String USAGE = """
            usage: deploy/lifeline <command>
              up [--foreground] [--ephemeral] [--instances N]
                                  start Kafka, PostgreSQL, GreenMail and the four services; returns once all are ready,
                                  on the data of the previous run (kept in the run directory's data/)
                                  (--foreground: stay attached; Ctrl-C stops everything)
                                  (--ephemeral: throwaway data and fast, non-durable settings, deleted at down)
                                  (--instances N: N processes of each service, 1 to %d, on one database per service
                                  and one consumer group; the second is named identity-service-2, and so on)
              down                stop everything `up` started; the data stays for the next up
              wipe                delete the kept data (refused while the suite runs)
              status [--json]     each component's PID, address and health; exit code 0 only if all are up
              stop COMPONENT [--kill]
                                  stop one component of the running suite (SIGTERM; --kill: SIGKILL)
              start COMPONENT     start it again with the ports, data and environment `up` gave it
                                  (COMPONENT: %s, or a further instance such as identity-service-2)
              env                 the endpoints as shell exports:  eval "$(deploy/lifeline env)"
              token ROLE SUBJECT  a development JWT signed with this run's key
                                  (ROLE: admin, gateway, support-agent or support-supervisor)
              demo                a fresh demo account (verified email, SUSPENDED phone, KYC profile) as shell
                                  exports:  eval "$(deploy/lifeline demo)"; prints a recovery by hand as curl lines
              dlq list TOPIC      the dead letters on TOPIC.dlq not redriven yet, with the reason of each
              dlq redrive TOPIC   republish them to TOPIC (same key, value and CloudEvents headers), once
                                  (the broker of this run, else $KAFKA_BOOTSTRAP_SERVERS)
            environment: LIFELINE_PORTS=any makes up take free ports instead of 19092, 15432, 8081… (suites run
                                  side by side, as the end-to-end tests do, never want the same ones)""".formatted(
            LifelineService.MAX_INSTANCES, String.join(", ", SuiteLauncher.COMPONENTS));

    private final RunDirectory run;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean wellKnownPorts;

    Lifeline(Path repo, PrintStream out, PrintStream err) {
        this(repo, out, err, true);
    }

    /**
     * With {@code wellKnownPorts} false, {@code up} takes free ports instead of 19092, 15432, 8081…: the launcher's
     * own tests run suites beside a developer's or an end-to-end test's, which want the same ones.
     */
    Lifeline(Path repo, PrintStream out, PrintStream err, boolean wellKnownPorts) {
        this.run = new RunDirectory(repo);
        this.out = out;
        this.err = err;
        this.wellKnownPorts = wellKnownPorts;
    }

    public static void main(String[] args) {
        Path repo = Path.of(System.getProperty("lifeline.repo", "")).toAbsolutePath().normalize();
        Optional<Boolean> wellKnownPorts = wellKnownPorts(System.getenv("LIFELINE_PORTS"));
        if (wellKnownPorts.isEmpty()) {
            System.err.println("lifeline: LIFELINE_PORTS is \"any\" (free ports) or \"well-known\" (the default)");
            System.exit(2);
        }
        System.exit(new Lifeline(repo, System.out, System.err, wellKnownPorts.get()).run(args));
    }

    /**
     * {@code LIFELINE_PORTS}: unset or "well-known", the ports a developer expects (8081…); "any", free ones, for a
     * suite that runs beside others, where a restarted component must not find its port taken by another suite's
     * well-known choice. Empty for anything else.
     */
    static Optional<Boolean> wellKnownPorts(String setting) {
        if (setting == null || setting.isBlank() || setting.equals("well-known")) {
            return Optional.of(true);
        }
        return setting.equals("any") ? Optional.of(false) : Optional.empty();
    }

    /** Runs one command; returns the process exit code (2: usage). */
    int run(String... args) {
        List<String> arguments = List.of(args);
        String command = arguments.isEmpty() ? "" : arguments.get(0);
        try {
            switch (command) {
                case "up":
                    Optional<UpOptions> up = UpOptions.parse(arguments.subList(1, arguments.size()));
                    if (up.isPresent()) {
                        return new SuiteLauncher(run, out, err, wellKnownPorts).up(up.get().foreground(),
                                up.get().ephemeral(), up.get().instances());
                    }
                    break;
                case "down":
                    if (arguments.size() == 1) {
                        return down();
                    }
                    break;
                case "wipe":
                    if (arguments.size() == 1) {
                        return wipe();
                    }
                    break;
                case "status":
                    if (arguments.size() == 1 || arguments.equals(List.of("status", "--json"))) {
                        return status(arguments.size() == 2);
                    }
                    break;
                case "stop":
                    if (arguments.size() == 2 || arguments.size() == 3 && arguments.get(2).equals("--kill")) {
                        return component(arguments.get(1), control -> control.stop(arguments.get(1), arguments.size() == 3));
                    }
                    break;
                case "start":
                    if (arguments.size() == 2) {
                        return component(arguments.get(1), control -> control.start(arguments.get(1)));
                    }
                    break;
                case "env":
                    if (arguments.size() == 1) {
                        return whileRunning(this::env);
                    }
                    break;
                case "token":
                    if (arguments.size() == 3) {
                        return token(arguments.get(1), arguments.get(2));
                    }
                    break;
                case "demo":
                    if (arguments.size() == 1) {
                        return whileRunning(this::demo);
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
        } catch (UsageError e) {
            err.println("lifeline: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("lifeline: " + e.getMessage());
            return 1;
        }
        err.println(USAGE);
        return 2;
    }

    /** Arguments of a known command that are wrong in a way worth saying (exit code 2, with the usage). */
    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /** What {@code up} was asked for: each option at most once; {@code --instances} takes 1 to {@value LifelineService#MAX_INSTANCES}. */
    record UpOptions(boolean foreground, boolean ephemeral, int instances) {

        /** Empty for an unknown or repeated option; a {@link UsageError} for a wrong {@code --instances}. */
        static Optional<UpOptions> parse(List<String> options) {
            Set<String> seen = new HashSet<>();
            int instances = 1;
            for (int i = 0; i < options.size(); i++) {
                String option = options.get(i);
                if (!Set.of("--foreground", "--ephemeral", "--instances").contains(option) || !seen.add(option)) {
                    return Optional.empty();
                }
                if (option.equals("--instances")) {
                    instances = instances(i + 1 < options.size() ? options.get(++i) : null);
                }
            }
            return Optional.of(new UpOptions(seen.contains("--foreground"), seen.contains("--ephemeral"), instances));
        }

        private static int instances(String value) {
            String expected = "--instances takes a number from 1 to " + LifelineService.MAX_INSTANCES;
            if (value == null) {
                throw new UsageError(expected);
            }
            try {
                int instances = Integer.parseInt(value);
                if (instances >= 1 && instances <= LifelineService.MAX_INSTANCES) {
                    return instances;
                }
            } catch (NumberFormatException notANumber) {
                // said below
            }
            throw new UsageError(expected + ", not '" + value + "'");
        }
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

    /** Deletes the kept data; only while nothing of the suite runs, since the broker and database write to it. */
    private int wipe() {
        Optional<RunState> state = RunState.read(run.stateFile());
        if (state.isPresent() && state.get().components().stream().anyMatch(c -> c.process().isPresent())) {
            err.println("lifeline: Lifeline is running on this data; stop it first with deploy/lifeline down");
            return 1;
        }
        if (!Files.exists(run.data())) {
            out.println("No data to wipe at " + run.data() + ".");
            return 0;
        }
        Directories.deleteRecursively(run.data());
        out.println("Deleted " + run.data() + ": the next up starts with empty databases and topics.");
        return 0;
    }

    private int status(boolean json) {
        Optional<RunState> state = RunState.read(run.stateFile());
        List<SuiteStatus.Row> rows = state.map(SuiteStatus::of).orElse(List.of());
        if (json) {
            SuiteStatus.printJson(rows, state, out);
        } else if (state.isEmpty()) {
            out.println("Lifeline is not running.");
        } else {
            SuiteStatus.printTable(rows, out);
        }
        return !rows.isEmpty() && rows.stream().allMatch(SuiteStatus.Row::up) ? 0 : 1;
    }

    /** Runs {@code command} on a known component of the running suite; an unknown name is a usage error. */
    private int component(String name, ToIntFunction<ComponentControl> command) {
        if (!SuiteLauncher.COMPONENTS_WITH_INSTANCES.contains(name)) {
            err.println("lifeline: unknown component '" + name + "'; use one of " + String.join(", ", SuiteLauncher.COMPONENTS));
            err.println(USAGE);
            return 2;
        }
        return whileRunning(state -> command.applyAsInt(new ComponentControl(state, out, err)));
    }

    /** Runs {@code command} on the state of the running suite; with none, says so and answers exit code 1. */
    private int whileRunning(ToIntFunction<RunState> command) {
        Optional<RunState> state = RunState.read(run.stateFile());
        if (state.isEmpty()) {
            err.println("lifeline: Lifeline is not running; start it with deploy/lifeline up");
            return 1;
        }
        return command.applyAsInt(state.get());
    }

    private int env(RunState state) {
        int dbPort = Integer.parseInt(state.get("db.port"));
        export("KAFKA_BOOTSTRAP_SERVERS", state.get("kafka.bootstrapServers"));
        for (LifelineService service : LifelineService.values()) {
            String first = state.get("service." + service.artifact + ".url");
            export(service.envPrefix + "_URL", first);
            // Every instance's, the first one's first (a state from before --instances records only the one).
            export(service.envPrefix + "_URLS", state.find("service." + service.artifact + ".urls").orElse(first));
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
        out.println(exportLine(name, value));
    }

    /** {@code export NAME='value'}, quoted for any shell. */
    static String exportLine(String name, String value) {
        return "export " + name + "='" + value.replace("'", "'\\''") + "'";
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

    private int demo(RunState state) {
        return new Demo(state).run(out, err);
    }

    private int token(String role, String subject) {
        if (!DevTokens.ROLES.contains(role)) {
            err.println("lifeline: unknown role '" + role + "'; use one of " + String.join(", ", DevTokens.ROLES));
            return 2;
        }
        // Tokens are signed with the key of a run: no run, no token.
        return whileRunning(state -> {
            out.println(DevTokens.load(Path.of(state.get("keys.dir"))).sign(role, subject));
            return 0;
        });
    }
}
