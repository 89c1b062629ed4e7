package dev.lifeline.deploy;

import dev.lifeline.testing.ChildProcess;
import dev.lifeline.testing.DevTokens;
import dev.lifeline.testing.Directories;
import dev.lifeline.testing.KafkaBroker;
import dev.lifeline.testing.MailServer;
import dev.lifeline.testing.PortTakenException;
import dev.lifeline.testing.Ports;
import dev.lifeline.testing.PostgresServer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code lifeline up}: Kafka, PostgreSQL (a database per service) and GreenMail in parallel, then the four services in
 * parallel, until every one is ready; on the data of the previous run unless {@code --ephemeral} (see {@link SuiteData}). Every process runs detached in its own session, so that it outlives the launcher
 * and the terminal's Ctrl-C reaches only the launcher, whose shutdown hook stops everything in order.
 */
final class SuiteLauncher {

    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgresql";
    static final String MAIL = "mail";
    /** Every component of a suite of one instance each, in the order {@code status} shows them. */
    static final List<String> COMPONENTS = Stream.concat(Stream.of(KAFKA, POSTGRES, MAIL),
            Arrays.stream(LifelineService.values()).map(service -> service.artifact)).toList();
    /**
     * Every name a component can have — the names {@code stop} and {@code start} take — in the order {@code status}
     * shows them: each service's instances together.
     */
    static final List<String> COMPONENTS_WITH_INSTANCES = Stream.concat(Stream.of(KAFKA, POSTGRES, MAIL),
            Arrays.stream(LifelineService.values()).flatMap(service -> IntStream.rangeClosed(1,
                    LifelineService.MAX_INSTANCES).mapToObj(service::instance))).toList();

    /** For one instance of each service; the JVMs of more instances share the same cores while they start. */
    private static final Duration SERVICES_READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration FAILED_START_GRACE = Duration.ofSeconds(10);
    private static final Duration SERVICE_GRACE = Duration.ofSeconds(20);

    private final RunDirectory run;
    private final PrintStream out;
    private final PrintStream err;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final ExecutorService pool = Executors.newFixedThreadPool(3, runnable -> {
        Thread thread = new Thread(runnable, "lifeline-up");
        thread.setDaemon(true);
        return thread;
    });

    private RunState state;
    private SuiteData data;
    private boolean stopping;

    private final boolean wellKnownPorts;
    private BiConsumer<String, int[]> portsReleased = (component, ports) -> { };

    SuiteLauncher(RunDirectory run, PrintStream out, PrintStream err, boolean wellKnownPorts) {
        this.run = run;
        this.out = out;
        this.err = err;
        this.wellKnownPorts = wellKnownPorts;
    }

    /**
     * For the launcher's tests: {@code hook} runs with a component's ports just after they are released to it and
     * before it starts — the instant in which another process can take one.
     */
    SuiteLauncher whenPortsReleased(BiConsumer<String, int[]> hook) {
        this.portsReleased = hook;
        return this;
    }

    /** @param instances processes of each service, 1 to {@link LifelineService#MAX_INSTANCES} */
    int up(boolean foreground, boolean ephemeral, int instances) {
        if (!clearPreviousRun()) {
            return 1;
        }
        List<String> missing = new ArrayList<>();
        for (LifelineService service : LifelineService.values()) {
            if (!Files.isRegularFile(service.fastJar(run.repo()))) {
                missing.add(service.fastJar(run.repo()).toString());
            }
        }
        if (!missing.isEmpty()) {
            err.println("lifeline: not built yet: " + String.join(", ", missing)
                    + "\n  build with ./mvnw -B -DskipTests install (deploy/lifeline up does it when they are missing)");
            return 1;
        }
        Optional<String> refused = environmentProblem(System.getenv());
        if (refused.isPresent()) {
            err.println("lifeline: " + refused.get());
            return 1;
        }

        long start = System.nanoTime();
        Directories.recreate(run.logs());
        data = SuiteData.of(run, ephemeral);
        PortPlan ports = new PortPlan(instances);
        DevTokens tokens = DevTokens.generate(run.keys());
        String password = data.secret("db.password", PostgresServer::randomPassword);
        state = RunState.create(run.stateFile())
                .put("startedAt", Instant.now().toString())
                .put("data.ephemeral", Boolean.toString(ephemeral))
                .put("data.dir", ephemeral ? "" : run.data().toString())
                .put("keys.dir", run.keys().toString())
                .put("db.username", PostgresServer.USER)
                .put("db.password", password);
        ports.recordEndpoints();
        state.save();

        Thread stopOnExit = new Thread(this::stopEverything, "lifeline-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            startInfrastructure(ports, password);
            startServices(ports, tokens, password);
        } catch (RuntimeException e) {
            if (isStopping()) {
                return 130; // Ctrl-C: the shutdown hook is stopping everything
            }
            err.println("lifeline: up failed: " + e.getMessage());
            stopEverything();
            removeHook(stopOnExit);
            return 1;
        } finally {
            ports.held.close(); // the ports of components that never started
        }
        out.printf("%nLifeline is up: ready in %.1f s.%n%n", (System.nanoTime() - start) / 1e9);
        SuiteStatus.printTable(SuiteStatus.of(state), out);
        out.println();
        out.println("Data: " + data.describe());
        out.println("Logs: " + run.logs() + "/   Stop: deploy/lifeline down");
        out.println("Point your shell at it:  eval \"$(deploy/lifeline env)\"");
        if (!foreground) {
            removeHook(stopOnExit);
            return 0;
        }
        out.println("Running in the foreground: Ctrl-C stops everything.");
        watchUntilInterrupted();
        return 0;
    }

    /** False if a suite is running; otherwise removes what a crashed run may have left (data, state). */
    private boolean clearPreviousRun() {
        return RunState.read(run.stateFile()).map(previous -> {
            if (previous.components().stream().anyMatch(c -> c.process().isPresent())) {
                err.println("lifeline: Lifeline is already running (deploy/lifeline status shows it); "
                        + "stop it first with deploy/lifeline down");
                return false;
            }
            SuiteStopper.stopAll(previous, out);
            previous.delete();
            return true;
        }).orElse(true);
    }

    private void startInfrastructure(PortPlan ports, String password) {
        CompletionService<String> started = new ExecutorCompletionService<>(pool);
        List<Callable<String>> tasks = List.of(
                () -> onPortsOfItsOwn(KAFKA, ports::moveKafka, () -> {
                    ports.release(KAFKA, ports.kafka, ports.kafkaController);
                    KafkaBroker broker = KafkaBroker.launch(data.kafka(), run.log(KAFKA), ports.kafka,
                            ports.kafkaController, true, !data.ephemeral());
                    started(broker.process(), RunState.Kind.KAFKA, data.ephemeral() ? broker.dataDir() : null,
                            broker.bootstrapServers(), "controller 127.0.0.1:" + ports.kafkaController
                                    + ", log dir " + broker.dataDir());
                    broker.awaitReady();
                    return KAFKA;
                }),
                () -> {
                    // A start on another port is the same cluster's: no second initdb.
                    PostgresServer[] postgres = new PostgresServer[1];
                    return onPortsOfItsOwn(POSTGRES, ports::movePostgres, () -> {
                        ports.release(POSTGRES, ports.postgres);
                        postgres[0] = postgres[0] != null ? postgres[0].onPort(ports.postgres) : data.postgres()
                                .map(dir -> PostgresServer.launchDurable(dir, run.log(POSTGRES), ports.postgres,
                                        password, databases(), true))
                                .orElseGet(() -> PostgresServer.launch(run.log(POSTGRES), ports.postgres, password,
                                        databases(), true));
                        started(postgres[0].process(), RunState.Kind.POSTGRES,
                                data.ephemeral() ? postgres[0].baseDir() : null, "127.0.0.1:" + ports.postgres,
                                "user " + PostgresServer.USER + ", databases " + String.join(", ", databases())
                                        + ", data " + postgres[0].baseDir().resolve("data"));
                        postgres[0].awaitReady();
                        return POSTGRES;
                    });
                },
                () -> onPortsOfItsOwn(MAIL, ports::moveMail, () -> {
                    ports.release(MAIL, ports.smtp, ports.mailApi);
                    MailServer mail = MailServer.launch(run.log(MAIL), ports.smtp, ports.mailApi, true);
                    started(mail.process(), RunState.Kind.MAIL, null, "127.0.0.1:" + ports.smtp, "api " + mail.apiUrl());
                    mail.awaitReady();
                    return MAIL;
                }));
        long start = System.nanoTime();
        tasks.forEach(started::submit);
        for (int i = 0; i < tasks.size(); i++) {
            try {
                String name = started.take().get();
                out.printf("%-28s ready after %.1f s%n", name, (System.nanoTime() - start) / 1e9);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /**
     * Runs {@code start} — launch, record, await readiness — and, when the component could not listen on a port of
     * its own because another process took it after it was picked (see {@link Ports}), gives it new ports with
     * {@code move} and runs {@code start} again, {@value Ports#STARTS} times at most. Only the infrastructure's
     * ports move so simply: the services learn them after it is ready.
     */
    private String onPortsOfItsOwn(String component, Supplier<String> move, Supplier<String> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (PortTakenException e) {
                e.process().stop(FAILED_START_GRACE); // GreenMail lives on without its API; the others are exiting
                if (attempt == Ports.STARTS || isStopping()) {
                    throw e;
                }
                out.println(component + " could not listen on its port: another process took it; starting it again on "
                        + move.get());
            }
        }
    }

    /**
     * Starts every instance, then waits until each is ready. An instance that could not listen on its port because
     * another process took it (see {@link Ports}) gets a new one, {@value Ports#STARTS} times at most, and starts
     * again — and with it every instance whose settings name its address (the first instances' URLs are in the
     * others' links), so that no service is left pointing at a port nobody of this suite listens on.
     */
    private void startServices(PortPlan ports, DevTokens tokens, String password) {
        long start = System.nanoTime();
        ServiceKeys keys = new ServiceKeys(
                // The HMAC key of identity-service's pseudonyms (rate-limit keys, audit): one per run, shared by its instances.
                data.secret("identity.pseudonyms.pepper", PostgresServer::randomPassword),
                // The HMAC key of email-verification-service's stored codes: one per run, like the pepper.
                data.secret("email-verification.code-key",
                        () -> PostgresServer.randomPassword() + PostgresServer.randomPassword()),
                // The HMAC key of kyc-service's stored identity facts: one per run (a real deployment keeps it for good).
                data.secret("kyc.fact-key", () -> PostgresServer.randomPassword() + PostgresServer.randomPassword()),
                // notification-service's key for Security Event Tokens: one per run; receivers fetch it from its JWKS.
                data.secret("notification.signals-key", DevTokens::newSigningKeyPem));
        Map<String, ChildProcess> processes = new LinkedHashMap<>(); // each instance's, by name
        for (ServiceInstance instance : ports.serviceInstances) {
            processes.put(instance.name(), startService(ports, instance, serviceLaunch(instance, ports, tokens, password, keys)));
        }
        Set<String> pending = new LinkedHashSet<>(processes.keySet());
        Map<String, Integer> portsTaken = new HashMap<>();
        Duration timeout = SERVICES_READY_TIMEOUT.multipliedBy(ports.instances);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            Optional<String> portTaken = pending.stream().filter(name -> processes.get(name).failedToBind()).findFirst();
            if (portTaken.isPresent()) {
                String name = portTaken.get();
                ChildProcess failed = processes.get(name);
                failed.stop(FAILED_START_GRACE);
                if (portsTaken.merge(name, 1, Integer::sum) == Ports.STARTS || isStopping()) {
                    throw failed.failure(name + " could not listen on its port: another process took it, "
                            + Ports.STARTS + " times");
                }
                out.println(name + " could not listen on its port: another process took it; starting it again on "
                        + url(ports.moveService(name)));
                for (ServiceInstance instance : ports.serviceInstances) {
                    ChildProcess.Launch launch = serviceLaunch(instance, ports, tokens, password, keys);
                    ChildProcess running = processes.get(instance.name());
                    if (!running.launch().orElseThrow().equals(launch)) {
                        running.stop(SERVICE_GRACE);
                        processes.put(instance.name(), startService(ports, instance, launch));
                        pending.add(instance.name());
                    }
                }
                deadline = System.nanoTime() + timeout.toNanos();
                continue;
            }
            for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
                String name = it.next();
                ChildProcess process = processes.get(name);
                String readiness = Readiness.of(url(ports.instance(name).port()));
                if ("UP".equals(readiness) && !process.failedToBind()) { // not whoever took its port
                    out.printf("%-28s ready after %.1f s%n", name, (System.nanoTime() - start) / 1e9);
                    it.remove();
                } else if (process.failedToBind()) {
                    break; // started again at the top
                } else if (!process.isAlive()) {
                    throw process.failure(name + " exited while starting");
                } else if (System.nanoTime() > deadline) {
                    throw process.failure(name + " was not ready within " + timeout.toSeconds()
                            + " s (readiness: " + readiness + ")");
                }
            }
            if (!pending.isEmpty()) {
                ChildProcess.sleep(POLL);
            }
        }
    }

    /** The keys every instance of a service shares, kept with durable data. */
    private record ServiceKeys(String pepper, String codeKey, String factKey, String signalsKey) {
    }

    /** How {@code instance} is started: its command and environment, which name the ports of the others. */
    private ChildProcess.Launch serviceLaunch(ServiceInstance instance, PortPlan ports, DevTokens tokens,
                                              String password, ServiceKeys keys) {
        LifelineService service = instance.service();
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(instance.port()));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + ports.kafka);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", PostgresServer.jdbcUrl(ports.postgres, service.database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", password);
        environment.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        environment.put("QUARKUS_MAILER_PORT", Integer.toString(ports.smtp));
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + tokens.publicKeyFile().toAbsolutePath());
        environment.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        environment.put("MP_JWT_VERIFY_AUDIENCES", DevTokens.AUDIENCE);
        environment.put("LIFELINE_PSEUDONYMS_PEPPER", keys.pepper());
        // The services are reached from this machine only; in front of a gateway this names the gateway.
        environment.put("LIFELINE_HTTP_TRUSTED_PROXIES", "127.0.0.1,::1");
        // Links in mails point at the suite's own email-verification page; never taken from a Host header.
        environment.put("LIFELINE_LINKS_EMAIL_VERIFICATION",
                ports.firstUrl(LifelineService.EMAIL_VERIFICATION) + "/verify");
        environment.put("LIFELINE_EMAIL_VERIFICATION_CODE_KEY", keys.codeKey());
        environment.put("LIFELINE_KYC_FACT_KEY", keys.factKey());
        List<String> command = new ArrayList<>(List.of(java, "-Xms" + service.heap, "-Xmx" + service.heap));
        if (service == LifelineService.IDENTITY) {
            identitySettings(System.getenv(), environment);
        }
        if (service == LifelineService.EMAIL_VERIFICATION) {
            // The link's page offers "Not me: stop this recovery" first, on the same page the alerts link to.
            environment.put("LIFELINE_LINKS_RECOVERY_CANCEL",
                    recoveryCancelPage(System.getenv(), ports.firstUrl(LifelineService.IDENTITY)));
        }
        if (service == LifelineService.NOTIFICATION) {
            // Every instance signs as the one issuer, with the one key, that receivers know.
            notificationSettings(System.getenv(), ports.firstUrl(LifelineService.NOTIFICATION),
                    ports.firstUrl(LifelineService.IDENTITY), keys.signalsKey(), environment, command);
        }
        command.addAll(List.of("-jar", service.fastJar(run.repo()).toString()));
        return new ChildProcess.Launch(command, environment, run.dir());
    }

    private ChildProcess startService(PortPlan ports, ServiceInstance instance, ChildProcess.Launch launch) {
        ports.release(instance.name(), instance.port());
        ChildProcess process = ChildProcess.start(instance.name(), launch, run.log(instance.name()), true);
        started(process, RunState.Kind.SERVICE, null, url(instance.port()), "log " + process.log());
        return process;
    }

    /**
     * The suite's cooling-off, unless the launcher's environment names one ({@code LIFELINE_RECOVERY_COOLING_OFF}):
     * every automated identity confirmation is SUBSTANTIAL and waits it out, and a suite for demos, tests and
     * benchmarks cannot wait production's 24 hours.
     */
    static void identitySettings(Map<String, String> launcher, Map<String, String> environment) {
        String coolingOff = launcher.get("LIFELINE_RECOVERY_COOLING_OFF");
        environment.put("LIFELINE_RECOVERY_COOLING_OFF",
                coolingOff == null || coolingOff.isBlank() ? SUITE_COOLING_OFF.toString() : coolingOff);
    }

    /** The gateway's page where the owner cancels; the suite has no gateway, so by default it names identity's address. */
    static String recoveryCancelPage(Map<String, String> launcher, String identityUrl) {
        return launcher.getOrDefault("LIFELINE_LINKS_RECOVERY_CANCEL", identityUrl + "/recovery/cancel");
    }

    /** The local suite's cooling-off between an automated approval and the allowed reset (production: 24 h). */
    static final Duration SUITE_COOLING_OFF = Duration.ofSeconds(5);

    /**
     * What notification-service needs besides the common settings: its public base URL (the SETs' issuer), its
     * signing key, the owner's cancel page, and — from the launcher's own environment, when set — the gateway's
     * webhook ({@code LIFELINE_WEBHOOK_URL}, {@code LIFELINE_WEBHOOK_SECRET}) and a Shared Signals receiver
     * ({@code LIFELINE_SSF_RECEIVER_URL} with its {@code LIFELINE_SSF_RECEIVER_AUDIENCE}, required with it).
     */
    static void notificationSettings(Map<String, String> launcher, String notificationUrl, String identityUrl,
                                     String signalsKey, Map<String, String> environment, List<String> command) {
        environment.put("LIFELINE_SSF_ISSUER", notificationUrl);
        environment.put("LIFELINE_SSF_SIGNING_KEY", signalsKey);
        environment.put("LIFELINE_LINKS_RECOVERY_CANCEL", recoveryCancelPage(launcher, identityUrl));
        for (String passed : List.of("LIFELINE_WEBHOOK_URL", "LIFELINE_WEBHOOK_SECRET")) {
            String value = launcher.get(passed);
            if (value != null && !value.isBlank()) {
                environment.put(passed, value);
            }
        }
        String receiver = launcher.get("LIFELINE_SSF_RECEIVER_URL");
        if (receiver != null && !receiver.isBlank()) {
            environmentProblem(launcher).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            command.add("-Dlifeline.ssf.receivers[0].url=" + receiver);
            command.add("-Dlifeline.ssf.receivers[0].audience=" + launcher.get("LIFELINE_SSF_RECEIVER_AUDIENCE"));
        }
    }

    /**
     * What in the launcher's environment would make a service refuse to start, said before anything starts: a Shared
     * Signals receiver without its audience (every SET carries the receiver's {@code aud}, issue 28.1).
     */
    static Optional<String> environmentProblem(Map<String, String> launcher) {
        String receiver = launcher.get("LIFELINE_SSF_RECEIVER_URL");
        String audience = launcher.get("LIFELINE_SSF_RECEIVER_AUDIENCE");
        if (receiver != null && !receiver.isBlank() && (audience == null || audience.isBlank())) {
            return Optional.of("LIFELINE_SSF_RECEIVER_URL needs LIFELINE_SSF_RECEIVER_AUDIENCE: the receiver's aud,"
                    + " which every SET carries and a receiver checks");
        }
        return Optional.empty();
    }

    /** Records a process as soon as it exists, so that a failed, interrupted or killed launcher leaves nothing unknown. */
    private void started(ChildProcess process, RunState.Kind kind, Path dataDir, String address, String detail) {
        synchronized (this) {
            state.addComponent(process, kind, dataDir, address, detail);
            if (!stopping) {
                return;
            }
        }
        // Started while everything else was being stopped: stop this one too.
        SuiteStopper.stopAll(state, out);
        throw new IllegalStateException("stopped");
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    /** Stops whatever has been started, in order, and forgets the run. Safe to call twice (hook and failure path). */
    private void stopEverything() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        out.println("lifeline: stopping everything...");
        pool.shutdownNow(); // starting tasks are interrupted; one that still launches a process stops it in started()
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SuiteStopper.stopAll(state, out);
        state.delete();
        Directories.deleteRecursively(run.keys());
        Directories.deleteRecursively(run.kafkaData()); // in case the broker never got as far as starting
        out.println("lifeline: stopped.");
    }

    private void watchUntilInterrupted() {
        Set<String> reported = new HashSet<>();
        while (true) {
            for (RunState.Component component : state.components()) {
                if (component.process().isEmpty() && reported.add(component.name()) && !isStopping()) {
                    err.println("lifeline: " + component.name() + " (pid " + component.pid() + ") exited; see "
                            + component.log());
                }
            }
            ChildProcess.sleep(Duration.ofSeconds(2));
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (and finds nothing left to do)
        }
    }

    private static List<String> databases() {
        return Arrays.stream(LifelineService.values()).map(s -> s.database).toList();
    }

    static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** One process of a service: its component name and HTTP port. */
    private record ServiceInstance(LifelineService service, String name, int port) {
    }

    /**
     * Every port `up` uses, all chosen and held (see {@link Ports.Held}) before anything starts, each released just
     * before its component starts: the one the data was created with, else the well-known one, where free; otherwise
     * (or without well-known ports) a free one. A service's first instance prefers its well-known port, the others
     * take free ones. A component whose port was taken all the same moves to a new one ({@code move…}), which the
     * state — and for the broker and the database, a durable suite's data — records.
     */
    private final class PortPlan {
        final int instances;
        final Ports.Held held = new Ports.Held(out);
        // Each moved by its component's starting task only; read by the services' start once the tasks are done.
        volatile int kafka;
        volatile int kafkaController;
        volatile int postgres;
        volatile int smtp;
        volatile int mailApi;
        /** Every process of every service, in the order they start; each service's first instance first. */
        final List<ServiceInstance> serviceInstances = new ArrayList<>();

        PortPlan(int instances) {
            this.instances = instances;
            kafka = choose(data.port("kafka.port", wellKnown(19092)), KAFKA);
            kafkaController = choose(data.port("kafka.controllerPort", wellKnown(19093)), "the kafka controller");
            postgres = choose(data.port("postgresql.port", wellKnown(15432)), POSTGRES);
            data.rememberPort("kafka.port", kafka);
            data.rememberPort("kafka.controllerPort", kafkaController);
            data.rememberPort("postgresql.port", postgres);
            smtp = choose(wellKnown(3025), "mail (smtp)");
            mailApi = choose(wellKnown(8025), "the mail api");
            for (LifelineService service : LifelineService.values()) {
                for (int instance = 1; instance <= instances; instance++) {
                    String name = service.instance(instance);
                    serviceInstances.add(new ServiceInstance(service, name,
                            choose(instance == 1 ? wellKnown(service.preferredPort) : 0, name)));
                }
            }
        }

        String firstUrl(LifelineService service) {
            return url(portsOf(service).get(0));
        }

        ServiceInstance instance(String name) {
            return serviceInstances.stream().filter(instance -> instance.name().equals(name)).findFirst().orElseThrow();
        }

        /** Where everything listens, as {@code env} and {@code status} read it from the state. */
        synchronized void recordEndpoints() {
            state.put("kafka.bootstrapServers", "127.0.0.1:" + kafka)
                    .put("db.port", Integer.toString(postgres))
                    .put("mail.smtpPort", Integer.toString(smtp))
                    .put("mail.apiUrl", MailServer.apiUrl(mailApi));
            for (LifelineService service : LifelineService.values()) {
                List<Integer> ports = portsOf(service);
                state.put("service." + service.artifact + ".url", url(ports.get(0)))
                        .put("service." + service.artifact + ".urls",
                                ports.stream().map(SuiteLauncher::url).collect(Collectors.joining(",")));
            }
        }

        synchronized String moveKafka() {
            kafka = held.any();
            kafkaController = held.any();
            data.rememberPort("kafka.port", kafka);
            data.rememberPort("kafka.controllerPort", kafkaController);
            recordEndpoints();
            return "127.0.0.1:" + kafka + " (controller " + kafkaController + ")";
        }

        synchronized String movePostgres() {
            postgres = held.any();
            data.rememberPort("postgresql.port", postgres);
            recordEndpoints();
            return "127.0.0.1:" + postgres;
        }

        synchronized String moveMail() {
            smtp = held.any();
            mailApi = held.any();
            recordEndpoints();
            return "127.0.0.1:" + smtp + " (api " + mailApi + ")";
        }

        /** A new port for the service instance {@code name}. */
        synchronized int moveService(String name) {
            ServiceInstance moved = instance(name);
            int port = held.any();
            serviceInstances.set(serviceInstances.indexOf(moved), new ServiceInstance(moved.service(), name, port));
            recordEndpoints();
            return port;
        }

        /** For the component about to bind them. */
        void release(String component, int... ports) {
            for (int port : ports) {
                held.release(port);
            }
            portsReleased.accept(component, ports);
        }

        private List<Integer> portsOf(LifelineService service) {
            return serviceInstances.stream().filter(instance -> instance.service() == service)
                    .map(ServiceInstance::port).toList();
        }

        private int wellKnown(int port) {
            return wellKnownPorts ? port : 0;
        }

        /** {@code preferred} 0: any free port. */
        private int choose(int preferred, String who) {
            return preferred == 0 ? held.any() : held.preferredOrFree(preferred, who);
        }
    }
}
