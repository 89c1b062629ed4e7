package dev.lifeline.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code deploy/lifeline} exactly as a user would, in a run directory of the test's own. */
final class Launcher {

    record Result(int exitCode, String output) {
    }

    private static final Pattern EXPORT = Pattern.compile("^export ([A-Z_]+)=['\"]?(.*?)['\"]?$");

    private final Path repo = Path.of(System.getProperty("lifeline.repo"));
    private final Path runDir;
    private final Map<String, String> environment;

    /**
     * @param name        the suite's run directory under the build's ({@code target/lifeline-run/NAME}): its state,
     *                    data and logs, apart from any other suite's
     * @param environment variables for every {@code deploy/lifeline} command, on top of this JVM's; the launcher
     *                    passes its environment on to the services, so e.g. {@code LIFELINE_RECOVERY_COOLING_OFF}
     *                    sets identity-service's {@code lifeline.recovery.cooling-off}
     */
    Launcher(String name, Map<String, String> environment) {
        this.runDir = Path.of(System.getProperty("lifeline.run-dir")).resolve(name);
        this.environment = Map.copyOf(environment);
    }

    Result run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", repo.resolve("deploy/lifeline").toString()));
        command.addAll(List.of(arguments));
        return execute(command, timeout, "deploy/lifeline " + String.join(" ", arguments));
    }

    /** Runs {@code script} with {@code bash -euo pipefail} at the repository root, as {@link #run} runs the launcher. */
    Result bash(Duration timeout, String script) {
        return execute(List.of("bash", "-euo", "pipefail", "-c", script), timeout, "bash -euo pipefail");
    }

    private Result execute(List<String> command, Duration timeout, String what) {
        try {
            Path output = Files.createTempFile("lifeline-e2e", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repo.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("LIFELINE_RUN_DIR", runDir.toString());
            // Free ports, not 8081…: with two suites up at once, a component one class restarts after a kill must not
            // find its well-known port taken by the other class's suite starting meanwhile.
            builder.environment().put("LIFELINE_PORTS", "any");
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                throw new AssertionError(what + " did not finish within "
                        + timeout + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.deleteIfExists(output);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The shell assignments {@code deploy/lifeline env} prints, as a map. */
    Map<String, String> env() {
        Result result = run(Duration.ofSeconds(60), "env");
        if (result.exitCode() != 0) {
            throw new AssertionError("deploy/lifeline env failed:\n" + result.output());
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : result.output().split("\n")) {
            Matcher matcher = EXPORT.matcher(line.trim());
            if (matcher.matches()) {
                variables.put(matcher.group(1), matcher.group(2));
            }
        }
        return variables;
    }

    /** PIDs of every process the running suite recorded in its state file. */
    List<Long> recordedPids() {
        Properties state = state();
        return state.stringPropertyNames().stream()
                .filter(name -> name.endsWith(".pid"))
                .map(name -> Long.parseLong(state.getProperty(name).trim()))
                .toList();
    }

    /** The PID of one component of the running suite, e.g. "kafka" or "postgresql". */
    long pidOf(String component) {
        return Long.parseLong(state().getProperty("component." + component + ".pid").trim());
    }

    private Properties state() {
        Properties state = new Properties();
        try (var reader = Files.newBufferedReader(runDir.resolve("state.properties"))) {
            state.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return state;
    }

    Path runDir() {
        return runDir;
    }
}
