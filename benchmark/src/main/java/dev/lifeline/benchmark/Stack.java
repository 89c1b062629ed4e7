package dev.lifeline.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite as {@code deploy/lifeline} runs it, in a run directory of the benchmark's own: {@code up} (durable data,
 * as an operator runs it), {@code env}, {@code token}, {@code status --json}, {@code stop}/{@code start} of one
 * component, {@code down} and {@code wipe}. Every command is the launcher's own, run as a user runs it.
 */
final class Stack implements AutoCloseable {

    static final List<String> SERVICES = List.of("identity-service", "email-verification-service", "kyc-service",
            "notification-service");

    private static final Pattern READY = Pattern.compile("^(\\S+)\\s+ready after ([0-9.]+) s", Pattern.MULTILINE);
    private static final Pattern STARTED = Pattern.compile("^started (\\S+) \\(pid \\d+\\): ready after ([0-9.]+) s",
            Pattern.MULTILINE);
    private static final Pattern EXPORT = Pattern.compile("^export ([A-Z_]+)='(.*)'$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repo;
    private final Path runDir;
    private final Map<String, String> environment;
    private boolean up;

    /** How long each component took to be ready in {@code up}, all starting together. */
    final Map<String, Double> readyAfterUp = new LinkedHashMap<>();
    private Map<String, String> env = Map.of();

    Stack(Path repo, Path runDir, Map<String, String> environment) {
        this.repo = repo;
        this.runDir = runDir;
        this.environment = Map.copyOf(environment);
    }

    void up() {
        String output = run(Duration.ofMinutes(6), "up");
        up = true;
        Matcher ready = READY.matcher(output);
        while (ready.find()) {
            readyAfterUp.put(ready.group(1), Double.parseDouble(ready.group(2)));
        }
        env = new LinkedHashMap<>();
        Matcher export = EXPORT.matcher(run(Duration.ofMinutes(1), "env"));
        while (export.find()) {
            env.put(export.group(1), export.group(2).replace("'\\''", "'"));
        }
    }

    /** A variable of {@code deploy/lifeline env}, e.g. {@code LIFELINE_IDENTITY_URL}. */
    String env(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("deploy/lifeline env has no " + name);
        }
        return value;
    }

    String token(String role, String subject) {
        return run(Duration.ofMinutes(1), "token", role, subject).strip();
    }

    /** The PID of each running component, by name ({@code deploy/lifeline status --json}). */
    Map<String, Long> pids() {
        try {
            JsonNode status = JSON.readTree(execute(Duration.ofMinutes(1), List.of("status", "--json")).output());
            Map<String, Long> pids = new LinkedHashMap<>();
            for (JsonNode component : status.path("components")) {
                if (component.path("pid").canConvertToLong()) {
                    pids.put(component.path("component").asText(), component.path("pid").asLong());
                }
            }
            return pids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every component of the suite, and this process (the load client), by root PID. */
    Map<String, Long> processes() {
        Map<String, Long> processes = new LinkedHashMap<>(pids());
        processes.put("benchmark (load client)", ProcessHandle.current().pid());
        return processes;
    }

    /** Stops one component and starts it again alone; how long it took to be ready, as {@code start} reports it. */
    double restart(String component) {
        run(Duration.ofMinutes(2), "stop", component);
        Matcher started = STARTED.matcher(run(Duration.ofMinutes(3), "start", component));
        if (!started.find()) {
            throw new IllegalStateException("deploy/lifeline start " + component + " said no ready time");
        }
        return Double.parseDouble(started.group(2));
    }

    /** {@code down}, then {@code wipe}: nothing left running, no data left behind. */
    @Override
    public void close() {
        if (up) {
            up = false;
            run(Duration.ofMinutes(3), "down");
            run(Duration.ofMinutes(1), "wipe");
        }
    }

    private String run(Duration timeout, String... arguments) {
        Result result = execute(timeout, List.of(arguments));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("deploy/lifeline " + String.join(" ", arguments) + " failed ("
                    + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }

    private record Result(int exitCode, String output) {
    }

    private Result execute(Duration timeout, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("deploy/lifeline").toString()));
        command.addAll(arguments);
        try {
            Path output = Files.createTempFile("lifeline-benchmark", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            builder.environment().put("LIFELINE_RUN_DIR", runDir.toString());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                throw new IllegalStateException("deploy/lifeline " + String.join(" ", arguments)
                        + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size of a process, from {@code /proc/PID/status} (VmRSS), in MiB; empty once it is gone. */
    static OptionalLong rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException gone) {
            return OptionalLong.empty();
        }
    }
}
