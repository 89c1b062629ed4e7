package dev.lifeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run as a separate
 * {@code java} process from the jars the build resolved. The tests' data is throwaway: {@link #stop()} deletes it;
 * {@code lifeline up} keeps a durable suite's and starts the broker on it again (the cluster id is in the log dir's
 * {@code meta.properties}: a formatted log dir is never formatted again).
 */
public final class KafkaBroker {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** The log line that says the broker is ready; once per start in a log appended to across restarts. */
    public static final String STARTED = "Kafka Server started";

    /**
     * The broker settings besides listeners and storage, also given to a Testcontainers broker: topics as the suite
     * expects them, every internal topic with the one replica a single node has, and a log cleaner sized for the
     * broker's 256 MiB heap: its default 128 MiB dedupe buffer, one array allocated at start, sometimes did not fit
     * (a start on a busy machine died with "OutOfMemoryError: Java heap space" in SkimpyOffsetMap).
     */
    public static final Map<String, String> SINGLE_NODE_SETTINGS = orderedMap(
            "num.partitions", "3",
            "auto.create.topics.enable", "true",
            "group.initial.rebalance.delay.ms", "0",
            "min.insync.replicas", "1",
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final ChildProcess process;

    private KafkaBroker(int port, int controllerPort, Path dataDir, ChildProcess process) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
        this.process = process;
    }

    /** The broker's Apache Kafka version (that of the jars it runs from), e.g. "4.1.2". */
    public static String version() {
        return BuildClasspaths.kafkaVersion();
    }

    /** Formats a new cluster in {@code dataDir}, starts the broker and returns once it accepts connections. */
    public static KafkaBroker start(Path dataDir, Path log, int port, int controllerPort) {
        KafkaBroker broker = launch(dataDir, log, port, controllerPort, false);
        try {
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
    }

    /** Formats a new cluster in {@code dataDir} (emptied first) and starts the broker without waiting for it. */
    static KafkaBroker launch(Path dataDir, Path log, int port, int controllerPort, boolean detached) {
        return launch(dataDir, log, port, controllerPort, detached, false);
    }

    /**
     * As {@link #launch(Path, Path, int, int, boolean)}; with {@code keepData}, a cluster already formatted in
     * {@code dataDir} is started as it is, with its topics and records.
     */
    public static KafkaBroker launch(Path dataDir, Path log, int port, int controllerPort, boolean detached, boolean keepData) {
        boolean formatted = keepData && Files.isRegularFile(logDir(dataDir).resolve("meta.properties"));
        if (!formatted) {
            Directories.recreate(dataDir);
        }
        Path serverProperties = write(dataDir.resolve("server.properties"), serverProperties(dataDir, port, controllerPort));
        Path log4j2 = write(dataDir.resolve("log4j2.properties"), LOG4J2_PROPERTIES);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = BuildClasspaths.kafkaBroker();
        List<String> jvm = List.of(java, "-Xms256m", "-Xmx256m", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j2.toUri(), "-cp", classpath);

        if (!formatted) {
            // Kafka 4 does not format its storage by itself.
            String output = Command.run(concat(jvm, "kafka.tools.StorageTool", "format", "-t", clusterId(),
                    "-c", serverProperties.toString(), "--standalone"), dataDir, null, FORMAT_TIMEOUT);
            append(log, "# kafka-storage format\n" + output + "\n");
        }

        ChildProcess process = ChildProcess.start("kafka", concat(jvm, "kafka.Kafka", serverProperties.toString()),
                Map.of(), dataDir, log, detached);
        return new KafkaBroker(port, controllerPort, dataDir, process);
    }

    /** Waits until the broker has started and its listener accepts connections. */
    public void awaitReady() {
        process.awaitLogLine(STARTED, READY_TIMEOUT);
        process.awaitPort(port, Duration.ofSeconds(10));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public ChildProcess process() {
        return process;
    }

    /** Stops the broker (SIGTERM: a controlled shutdown) and deletes its data. */
    public void stop() {
        stop(process, dataDir);
    }

    static void stop(ChildProcess process, Path dataDir) {
        shutDown(process);
        Directories.deleteRecursively(dataDir);
    }

    /** A controlled shutdown (SIGTERM), keeping the data. */
    public static void shutDown(ChildProcess process) {
        process.stop(STOP_GRACE);
    }

    private static Path logDir(Path dataDir) {
        return dataDir.resolve("kraft-logs");
    }

    static String serverProperties(Path dataDir, int port, int controllerPort) {
        String broker = "127.0.0.1:" + port;
        String controller = "127.0.0.1:" + controllerPort;
        return String.join("\n",
                "# Single-node KRaft broker for development and tests (written by dev.lifeline.testing.KafkaBroker)",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir(dataDir),
                SINGLE_NODE_SETTINGS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n")),
                "");
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    // Console output goes to the broker's log file; INFO is needed for "Kafka Server started". Log4j's own shutdown
    // hook would stop logging while Kafka is still shutting down; the config dumps would be most of the log.
    private static final String LOG4J2_PROPERTIES = String.join("\n",
            "status = warn",
            "shutdownHook = disable",
            "appender.console.type = Console",
            "appender.console.name = STDOUT",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "logger.request.name = kafka.request.logger",
            "logger.request.level = warn",
            "logger.statechange.name = state.change.logger",
            "logger.statechange.level = warn",
            "logger.config.name = org.apache.kafka.common.config.AbstractConfig",
            "logger.config.level = warn",
            "");

    /** A Kafka cluster id: 16 random bytes in URL-safe base64; Kafka's own generator avoids a leading '-'. */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path log, String text) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
