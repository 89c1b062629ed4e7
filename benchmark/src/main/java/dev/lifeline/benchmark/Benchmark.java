package dev.lifeline.benchmark;

import dev.lifeline.deploy.Demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code benchmark/run}: starts the suite with {@code deploy/lifeline up} in a run directory of its own, measures the
 * floors, recovery starts at rising fixed rates, automated recoveries at 1, 10 and 100 at once, memory and start-up,
 * writes {@code target/benchmark/report.md} and {@code chart.png}, and stops and wipes the suite.
 */
public final class Benchmark {

    private static final Duration QUIET_LIMIT = Duration.ofMinutes(2);
    private static final Duration QUIET_SAMPLE = Duration.ofSeconds(2);
    /** An idle suite is not at zero: four services' pollers and health checks, the broker's and database's timers. */
    private static final double QUIET_CORES = 0.35;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);

    private final Path repo;
    private final Path out;
    private final Plan plan;
    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Enough connections for the highest rate at a second's latency. */
    private final LoadClient load = new LoadClient(2_000, Duration.ofSeconds(60));

    private Benchmark(Path repo, Path out, Plan plan) {
        this.repo = repo;
        this.out = out;
        this.plan = plan;
        // Automated recoveries are SUBSTANTIAL and wait out the cooling-off: the benchmark measures work, not waiting.
        this.stack = new Stack(repo, out.resolve("run"), Map.of("LIFELINE_RECOVERY_COOLING_OFF", "PT0S"));
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("lifeline.repo", ".")).toAbsolutePath().normalize();
        Path out = repo.resolve("benchmark/target/benchmark");
        Files.createDirectories(out);
        Benchmark benchmark = new Benchmark(repo, out, Plan.of(Arrays.asList(args)));
        Thread stopOnExit = new Thread(benchmark.stack::close, "benchmark-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        Results results;
        try (benchmark.stack; benchmark.load) {
            results = benchmark.run();
        }
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        Files.writeString(out.resolve("report.md"), Report.markdown(results), StandardCharsets.UTF_8);
        Chart.write(out.resolve("chart.png"), results.starts().stream().map(Results.StartStep::load).toList(),
                results.floors().responseFloorMillis(), results.floors().responseFloorMillis() + 50, results.recoveries());
        System.out.println("benchmark: wrote " + out.resolve("report.md") + " and " + out.resolve("chart.png"));
    }

    private Results run() throws Exception {
        Instant startedAt = Instant.now();
        log("starting the suite (deploy/lifeline up)");
        stack.up();
        Map<String, Long> pids = stack.pids();
        Map<String, Long> watched = new LinkedHashMap<>();
        for (String name : List.of("identity-service", "email-verification-service", "kyc-service",
                "notification-service", "kafka")) {
            watched.put(name, pids.get(name));
        }
        String user = stack.env("LIFELINE_DB_USERNAME");
        String password = stack.env("LIFELINE_DB_PASSWORD");
        try (Connection identityDb = DriverManager.getConnection(stack.env("LIFELINE_IDENTITY_JDBC_URL"), user, password);
             Connection emailDb = DriverManager.getConnection(stack.env("LIFELINE_EMAIL_VERIFICATION_JDBC_URL"), user, password);
             Connection kycDb = DriverManager.getConnection(stack.env("LIFELINE_KYC_JDBC_URL"), user, password);
             Connection notificationDb = DriverManager.getConnection(stack.env("LIFELINE_NOTIFICATION_JDBC_URL"), user, password);
             Backlog backlog = new Backlog(stack.env("KAFKA_BOOTSTRAP_SERVERS"), emailDb, notificationDb)) {
            Demo demo = Demo.on(stack.env("LIFELINE_IDENTITY_URL"), stack.env("LIFELINE_KYC_URL"),
                    stack.token("admin", "lifeline-benchmark"));
            log("making " + plan.owners() + " owners through the APIs (an Argon2id hash and the PBKDF2 answers each)");
            List<Demo.Account> owners = owners(demo, plan.owners());

            awaitQuiet();
            log("measuring the floors");
            Results.FloorFigures floors = floors(identityDb, kycDb, owners.get(0));
            Map<String, Long> idle = ResidentMemory.now(watched);

            long accounts = StartMix.accountsFor(plan.maxStarts());
            log("cloning " + accounts + " accounts for the recovery starts");
            KnownAccounts.cloneFrom(identityDb, UUID.fromString(owners.get(0).accountId()), accounts);

            List<Results.StartStep> starts = new ArrayList<>();
            Map<String, Long> underStarts;
            try (ResidentMemory memory = ResidentMemory.watch(watched)) {
                log("warm-up (not reported)");
                long offset = startStep(plan.warmUpRate(), plan.warmUp(), 0, backlog).load().sent();
                for (int rate : plan.startRates()) {
                    Results.StartStep step = startStep(rate, plan.stepDuration(), offset, backlog);
                    offset += step.load().sent();
                    starts.add(step);
                    if (saturated(step, floors.responseFloorMillis())) {
                        log("saturated at " + rate + "/s: no higher rate");
                        break;
                    }
                }
                underStarts = memory.peaks();
            }

            List<AutomatedRecoveries.Result> recoveries = new ArrayList<>();
            awaitQuiet();
            Map<String, Long> underRecoveries;
            try (ResidentMemory memory = ResidentMemory.watch(watched);
                 EventArrivals arrivals = new EventArrivals(stack.env("KAFKA_BOOTSTRAP_SERVERS"))) {
                AutomatedRecoveries automated = new AutomatedRecoveries(stack, arrivals, identityDb);
                int next = 0;
                for (int i = 0; i < plan.concurrencies().size(); i++) {
                    int count = plan.recoveries().get(i);
                    int concurrency = plan.concurrencies().get(i);
                    log("automated recoveries: " + count + ", " + concurrency + " at once");
                    AutomatedRecoveries.Result result = automated.run(concurrency, owners.subList(next, next + count));
                    next += count;
                    recoveries.add(result);
                    log("  " + result.completed() + " recovered, " + String.format("%.2f", result.perSecond())
                            + "/s, end to end " + result.endToEnd().summary()
                            + (result.failures().isEmpty() ? "" : "; failures: " + result.failures()));
                }
                underRecoveries = memory.peaks();
            }

            Map<String, Double> readyAlone = new LinkedHashMap<>();
            for (String service : Stack.SERVICES) {
                log("start-up of " + service + " alone (deploy/lifeline stop, start)");
                readyAlone.put(service, stack.restart(service));
            }
            return new Results(startedAt, machine(), plan, floors, starts, recoveries,
                    new Results.Memory(idle, underStarts, underRecoveries), stack.readyAfterUp, readyAlone, accounts);
        }
    }

    private List<Demo.Account> owners(Demo demo, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Demo.Account>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                made.add(pool.submit(demo::createAccount));
            }
            List<Demo.Account> owners = new ArrayList<>();
            for (Future<Demo.Account> account : made) {
                owners.add(account.get());
            }
            return owners;
        } finally {
            pool.shutdown();
        }
    }

    private Results.FloorFigures floors(Connection identityDb, Connection kycDb, Demo.Account owner) throws SQLException {
        String argon2Hash = single(identityDb, "SELECT password_hash FROM account WHERE id = '" + owner.accountId() + "'");
        String answerHash = single(kycDb, "SELECT answer_hash FROM kyc_security_question WHERE account_id = '"
                + owner.accountId() + "' LIMIT 1");
        int iterations = Floors.pbkdf2Iterations(answerHash);
        Latencies kafka = Floors.kafkaRoundTrip(stack.env("KAFKA_BOOTSTRAP_SERVERS"), 100, plan.kafkaSamples());
        log("  Kafka produce → consume " + kafka.summary());
        Latencies postgres = Floors.postgresCommit(identityDb, 50, plan.postgresSamples());
        log("  PostgreSQL commit " + postgres.summary());
        Latencies smtp = Floors.smtpTransaction(Integer.parseInt(stack.env("LIFELINE_SMTP_PORT")), 20, plan.smtpSamples());
        log("  SMTP transaction " + smtp.summary());
        Latencies argon2 = Floors.argon2id(argon2Hash, 10, plan.hashSamples());
        log("  Argon2id " + argon2.summary());
        Latencies pbkdf2 = Floors.pbkdf2(iterations, 3, plan.hashSamples());
        log("  PBKDF2 (" + iterations + " rounds) " + pbkdf2.summary());
        return new Results.FloorFigures(kafka, postgres, smtp, argon2, pbkdf2, iterations,
                argon2Hash.substring(0, argon2Hash.indexOf('$', argon2Hash.indexOf("m=")) ), responseFloorMillis());
    }

    /** identity-service's configured response floor of a start (its application.properties, or the environment). */
    private double responseFloorMillis() {
        String configured = System.getenv("LIFELINE_RECOVERY_START_RESPONSE_FLOOR");
        if (configured == null) {
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(repo.resolve("identity-service/src/main/resources/application.properties"))) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            configured = properties.getProperty("lifeline.recovery-start.response-floor");
        }
        return Duration.parse(configured).toNanos() / 1e6;
    }

    private Results.StartStep startStep(int rate, Duration duration, long offset, Backlog backlog) throws Exception {
        log("recovery starts at " + rate + "/s for " + duration.toSeconds() + " s");
        URI starts = URI.create(stack.env("LIFELINE_IDENTITY_URL") + "/api/v1/recoveries");
        AtomicLong maxLag = new AtomicLong();
        Thread lagWatch = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    maxLag.accumulateAndGet(backlog.now().consumerLag(), Math::max);
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the next look will do
                }
            }
        }, "benchmark-lag");
        lagWatch.setDaemon(true);
        lagWatch.start();
        Map<String, Double> cpuBefore = CpuTime.now(stack.processes());
        OpenLoop.Result result = OpenLoop.run(rate, duration, Duration.ofSeconds(60), sequence -> {
            long n = offset + sequence;
            return load.postJson(starts, Map.of("X-Forwarded-For", StartMix.clientAddress(n)),
                    "{\"identifier\": \"" + StartMix.identifier(n) + "\"}");
        });
        log(String.format("  answered %.0f/s (sent %.0f/s), %s, statuses %s, failures %d", result.achievedRate(),
                result.sendRate(), result.latency().summary(), result.statuses(), result.failures()));
        Backlog.Snapshot atEnd = backlog.now();
        long drainStart = System.nanoTime();
        Backlog.Snapshot now = atEnd;
        while (!now.empty() && System.nanoTime() - drainStart < DRAIN_LIMIT.toNanos()) {
            Thread.sleep(500);
            now = backlog.now();
            maxLag.accumulateAndGet(now.consumerLag(), Math::max);
        }
        lagWatch.interrupt();
        Map<String, Double> cpuPerStart = CpuTime.perUnit(cpuBefore, CpuTime.now(stack.processes()), result.sent());
        log("  CPU per start (ms): " + cpuPerStart);
        Duration drained = Duration.ofNanos(System.nanoTime() - drainStart);
        log("  backlog at the end " + atEnd + ", max consumer lag " + maxLag.get() + ", drained in "
                + drained.toSeconds() + " s" + (now.empty() ? "" : " (NOT drained: " + now + ")"));
        purgeMail();
        return new Results.StartStep(result, maxLag.get(), atEnd, drained, now.empty(), cpuPerStart);
    }

    /**
     * Waits until the suite together uses under {@link #QUIET_CORES} of a core — the owners' own saga work (profiles, mails,
     * notifications) done and the JIT settled — so that the floors are measured on a quiet machine.
     */
    private void awaitQuiet() throws InterruptedException {
        Map<String, Long> suite = stack.pids();
        long deadline = System.nanoTime() + QUIET_LIMIT.toNanos();
        double before = CpuTime.now(suite).values().stream().mapToDouble(Double::doubleValue).sum();
        while (System.nanoTime() < deadline) {
            Thread.sleep(QUIET_SAMPLE.toMillis());
            double now = CpuTime.now(suite).values().stream().mapToDouble(Double::doubleValue).sum();
            if (now - before < QUIET_CORES * QUIET_SAMPLE.toMillis()) {
                log(String.format("  quiet: the suite uses %.2f cores", (now - before) / QUIET_SAMPLE.toMillis()));
                return;
            }
            before = now;
        }
        log("  the suite was still busy after " + QUIET_LIMIT.toSeconds() + " s; measuring anyway");
    }

    /** A step answered too slowly or too little to offer more. */
    static boolean saturated(Results.StartStep step, double floorMillis) {
        OpenLoop.Result load = step.load();
        return load.failures() > load.sent() / 100 || load.latency().p99() > floorMillis + 2_000
                || load.achievedRate() < 0.9 * load.targetRate() || !step.drainedFully();
    }

    /** GreenMail keeps every mail in its heap: empty it between steps. */
    private void purgeMail() throws Exception {
        HttpResponse<String> purged = http.send(HttpRequest.newBuilder(URI.create(stack.env("LIFELINE_MAIL_API_URL")
                + "/api/mail/purge")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (purged.statusCode() / 100 != 2) {
            log("  could not purge the mail server: " + purged.statusCode());
        }
    }

    private static String single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            if (!row.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return row.getString(1);
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException ignored) {
            // the CPU's name is only for the report
        }
        long memoryGiB = Math.round(((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() / Math.pow(1024, 3));
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memoryGiB + " GiB, Java "
                + System.getProperty("java.version");
    }

    static void log(String line) {
        System.out.println("benchmark: " + line);
    }
}
