package dev.lifeline.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The infrastructure of a service's {@code @QuarkusTest}s: a real Kafka broker, a real PostgreSQL with the service's
 * database and, on request, GreenMail — the same classes {@code deploy/lifeline up} runs, started as processes and
 * stopped after the tests. Where a Docker engine answers, broker and database can be Testcontainers containers instead
 * ({@code LIFELINE_TEST_INFRA}, see {@link TestInfrastructureChoice}); GreenMail is always a local process.
 * Endpoints given from outside are used instead of starting anything:
 * {@code KAFKA_BOOTSTRAP_SERVERS}, and {@code QUARKUS_DATASOURCE_JDBC_URL} with {@code QUARKUS_DATASOURCE_USERNAME} and
 * {@code QUARKUS_DATASOURCE_PASSWORD} (environment variables or system properties).
 *
 * <p>Usage (Quarkus 3.33: {@code io.quarkus.test.common.WithTestResource}, {@code TestResourceScope},
 * {@code ResourceArg}); with {@code GLOBAL} scope one set serves every test class of the module:
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = LocalInfrastructure.class, scope = TestResourceScope.GLOBAL,
 *         initArgs = &#64;ResourceArg(name = "database", value = "identity"))
 * class RecoveryResourceTest { ... }
 * </pre>
 * Init args: {@value #DATABASE} (the database to create, default {@value #DEFAULT_DATABASE}) and {@value #MAIL}
 * ({@code "true"}: also start GreenMail and point the mailer at it, with {@code quarkus.mailer.mock=false}).
 * Tests that need the endpoints themselves read {@link #bootstrapServers()}, {@link #jdbcUrl()} and the others.
 */
public class LocalInfrastructure implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "database";
    public static final String MAIL = "mail";
    public static final String DEFAULT_DATABASE = "lifeline";

    private static volatile Map<String, String> current = Map.of();
    private static volatile PostgresServer currentPostgres;
    private static volatile LocalInfrastructure currentInstance;

    private String database = DEFAULT_DATABASE;
    private boolean withMail;

    private Path workDir;
    private KafkaBroker broker;
    private PostgresServer postgres;
    private TestcontainersInfrastructure containers;
    private MailServer mail;
    private Thread stopOnExit;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE, DEFAULT_DATABASE);
        withMail = Boolean.parseBoolean(initArgs.getOrDefault(MAIL, "false"));
    }

    @Override
    public synchronized Map<String, String> start() {
        // Decided before anything starts: a request that cannot be met fails here, with nothing to clean up.
        boolean inContainers = TestInfrastructureChoice.onThisMachine().choose(setting(TestInfrastructureChoice.SETTING))
                == TestInfrastructureChoice.Provider.TESTCONTAINERS;
        workDir = createWorkDir();
        // A test JVM that is terminated (not killed with SIGKILL) still stops what it started.
        stopOnExit = new Thread(this::stopAll, "lifeline-test-infrastructure-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);

        String kafkaGiven = setting("KAFKA_BOOTSTRAP_SERVERS");
        String jdbcGiven = setting("QUARKUS_DATASOURCE_JDBC_URL");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            String password = PostgresServer.randomPassword();
            boolean startKafka = kafkaGiven == null;
            boolean startPostgres = jdbcGiven == null;
            Future<TestcontainersInfrastructure> startingContainers = !inContainers ? null : pool.submit(() ->
                    TestcontainersInfrastructure.start(startKafka, startPostgres ? database : null, password));
            // Each on ports of its own, and on new ones should another process take one before it listens.
            Future<KafkaBroker> startingBroker = inContainers || !startKafka ? null : pool.submit(() ->
                    Ports.onFreePorts(2, ports -> KafkaBroker.start(workDir.resolve("kafka"),
                            workDir.resolve("kafka.log"), ports[0], ports[1])));
            Future<PostgresServer> startingPostgres = inContainers || !startPostgres ? null : pool.submit(() ->
                    Ports.onFreePorts(1, ports -> PostgresServer.start(workDir.resolve("postgresql.log"), ports[0],
                            password, List.of(database))));
            List<Throwable> failures = new ArrayList<>();
            if (withMail) {
                try {
                    mail = Ports.onFreePorts(2, ports -> MailServer.start(workDir.resolve("greenmail.log"), ports[0],
                            ports[1]));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
            containers = await(startingContainers, failures);
            broker = await(startingBroker, failures);
            postgres = await(startingPostgres, failures);
            if (!failures.isEmpty()) {
                stop();
                IllegalStateException failure = new IllegalStateException(
                        "could not start the test infrastructure: " + failures.get(0).getMessage(), failures.get(0));
                failures.stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }

        // What was started here, else what was given from outside.
        Map<String, String> config = new HashMap<>(containers != null ? containers.config() : Map.of());
        if (broker != null) {
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        }
        if (postgres != null) {
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            config.put("quarkus.datasource.username", postgres.username());
            config.put("quarkus.datasource.password", postgres.password());
        }
        config.putIfAbsent("kafka.bootstrap.servers", kafkaGiven);
        if (!config.containsKey("quarkus.datasource.jdbc.url")) {
            config.put("quarkus.datasource.jdbc.url", jdbcGiven);
            putIfSet(config, "quarkus.datasource.username", setting("QUARKUS_DATASOURCE_USERNAME"));
            putIfSet(config, "quarkus.datasource.password", setting("QUARKUS_DATASOURCE_PASSWORD"));
        }
        if (mail != null) {
            config.put("quarkus.mailer.host", "127.0.0.1");
            config.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
            // Quarkus mocks the mailer in tests by default; a test that asks for GreenMail wants real SMTP.
            config.put("quarkus.mailer.mock", "false");
            config.put("lifeline.testing.mail-api-url", mail.apiUrl());
        }
        current = Map.copyOf(config);
        currentPostgres = postgres;
        currentInstance = this;
        return config;
    }

    @Override
    public synchronized void stop() {
        stopAll();
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs and finds nothing left to stop
            }
            stopOnExit = null;
        }
        current = Map.of();
        currentPostgres = null;
        currentInstance = null;
    }

    /** The Kafka bootstrap servers the tests use (started here or given), e.g. "127.0.0.1:41234". */
    public static String bootstrapServers() {
        return endpoint("kafka.bootstrap.servers");
    }

    public static String jdbcUrl() {
        return endpoint("quarkus.datasource.jdbc.url");
    }

    public static String databaseUsername() {
        return endpoint("quarkus.datasource.username");
    }

    public static String databasePassword() {
        return endpoint("quarkus.datasource.password");
    }

    /** GreenMail's REST API, e.g. http://127.0.0.1:41235 (only with init arg mail=true). */
    public static String mailApiUrl() {
        return endpoint("lifeline.testing.mail-api-url");
    }

    public static int smtpPort() {
        return Integer.parseInt(endpoint("quarkus.mailer.port"));
    }

    /**
     * Whether the tests' PostgreSQL was started here as a local process (and can be stopped and restarted), not given
     * from outside nor run by Testcontainers.
     */
    public static boolean ownsDatabase() {
        return currentPostgres != null;
    }

    /**
     * Shuts the tests' PostgreSQL down as an outage would (connections terminated, new ones refused), keeping its
     * data; {@link #startDatabase()} brings it back on the same port.
     */
    public static void stopDatabase() {
        database().shutDownKeepingData();
    }

    /** Starts the database {@link #stopDatabase()} stopped, and returns once it accepts connections. */
    public static void startDatabase() {
        database().restart();
    }

    /**
     * Stops GreenMail as an outage would (connections refused; the mail it held is lost with it);
     * {@link #startMail()} starts a fresh one on the same ports.
     */
    public static void stopMail() {
        LocalInfrastructure instance = mailOwner();
        synchronized (instance) {
            instance.mail.stop();
        }
    }

    /** Starts GreenMail again on the ports {@link #stopMail()} freed, and returns once it accepts connections. */
    public static void startMail() {
        LocalInfrastructure instance = mailOwner();
        synchronized (instance) {
            MailServer stopped = instance.mail;
            instance.mail = MailServer.start(instance.workDir.resolve("greenmail.log"), stopped.smtpPort(),
                    stopped.apiPort());
        }
    }

    private static LocalInfrastructure mailOwner() {
        LocalInfrastructure instance = currentInstance;
        if (instance == null || instance.mail == null) {
            throw new IllegalStateException("GreenMail was not started here (init arg mail=true)");
        }
        return instance;
    }

    private static PostgresServer database() {
        PostgresServer postgres = currentPostgres;
        if (postgres == null) {
            throw new IllegalStateException("the database was given from outside or runs in a container (or "
                    + "LocalInfrastructure has not started): only a local process started here can be stopped and restarted");
        }
        return postgres;
    }

    private static String endpoint(String key) {
        String value = current.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not known: LocalInfrastructure has not started"
                    + (key.contains("mail") ? " (or was started without mail=true)" : ""));
        }
        return value;
    }

    private synchronized void stopAll() {
        List<RuntimeException> failures = new ArrayList<>();
        if (mail != null) {
            run(mail::stop, failures);
            mail = null;
        }
        if (broker != null) {
            run(broker::stop, failures);
            broker = null;
        }
        if (postgres != null) {
            run(postgres::stop, failures);
            postgres = null;
        }
        if (containers != null) {
            run(containers::stop, failures);
            containers = null;
        }
        if (workDir != null) {
            run(() -> Directories.deleteRecursively(workDir), failures);
            workDir = null;
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static void run(Runnable step, List<RuntimeException> failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private static <T> T await(Future<T> starting, List<Throwable> failures) {
        if (starting == null) {
            return null;
        }
        try {
            return starting.get();
        } catch (ExecutionException e) {
            failures.add(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(e);
        }
        return null;
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static void putIfSet(Map<String, String> config, String key, String value) {
        if (value != null) {
            config.put(key, value);
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("lifeline-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
