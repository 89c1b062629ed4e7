package dev.lifeline.deploy;

import dev.lifeline.testing.ChildProcess;
import dev.lifeline.testing.DevTokens;
import dev.lifeline.testing.Ports;

import java.io.PrintStream;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lifeline status}: each component's PID, address and health — a service's {@code /q/health/ready}; for the
 * broker, the database and the mail server whether their ports accept connections — as a table or, with
 * {@code --json}, as JSON whose field names scripts and fault tests can rely on.
 */
final class SuiteStatus {

    /** One row: {@code pid} is empty when the process is not running. */
    record Row(String component, Optional<Long> pid, String address, String detail, String health) {

        boolean up() {
            return "UP".equals(health);
        }
    }

    private static final Pattern PORT = Pattern.compile(":(\\d+)");

    private SuiteStatus() {
    }

    /** Every recorded component in the order of {@link SuiteLauncher#COMPONENTS_WITH_INSTANCES}, probed now. */
    static List<Row> of(RunState state) {
        return state.components().stream()
                .sorted(Comparator.comparingInt(c -> order(c.name())))
                .map(component -> {
                    Optional<Long> pid = component.process().map(ChildProcess::pid);
                    String health = pid.isEmpty() ? "not running" : health(component, state);
                    return new Row(component.name(), pid, component.address(), component.detail(), health);
                })
                .toList();
    }

    /** "UP", else why not: "no answer", "DOWN (503)". */
    static String health(RunState.Component component, RunState state) {
        return switch (component.kind()) {
            case SERVICE -> Readiness.of(component.address());
            case KAFKA, POSTGRES -> answers(component.address()) ? "UP" : "no answer";
            case MAIL -> answers(component.address())
                    && state.find("mail.apiUrl").map(api -> answers(URI.create(api).getPort())).orElse(true)
                    ? "UP" : "no answer";
        };
    }

    /** Prints the table; true if every component is up. */
    static boolean printTable(List<Row> rows, PrintStream out) {
        String format = "%-28s %-8s %-12s %s%n";
        out.printf(format, "COMPONENT", "PID", "HEALTH", "ADDRESS");
        for (Row row : rows) {
            String address = row.detail().isEmpty() ? row.address() : row.address() + "  (" + row.detail() + ")";
            out.printf(format, row.component(), row.pid().map(String::valueOf).orElse("-"), row.health(), address);
        }
        return allUp(rows);
    }

    /**
     * Prints {@code {"up": ..., "ephemeral": ..., "data": ..., "components": [{"component", "pid", "address",
     * "detail", "health", "up"}, ...]}}; {@code pid} is null for a component that is not running.
     */
    static void printJson(List<Row> rows, Optional<RunState> state, PrintStream out) {
        StringBuilder json = new StringBuilder("{\n  \"up\": ").append(!rows.isEmpty() && allUp(rows));
        state.flatMap(s -> s.find("data.ephemeral")).ifPresent(e -> json.append(",\n  \"ephemeral\": ").append(e));
        state.flatMap(s -> s.find("data.dir")).filter(d -> !d.isEmpty())
                .ifPresent(dir -> json.append(",\n  \"data\": ").append(DevTokens.json(dir)));
        json.append(",\n  \"components\": [");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"component\": ").append(DevTokens.json(row.component()))
                    .append(", \"pid\": ").append(row.pid().map(String::valueOf).orElse("null"))
                    .append(", \"address\": ").append(DevTokens.json(row.address()))
                    .append(", \"detail\": ").append(DevTokens.json(row.detail()))
                    .append(", \"health\": ").append(DevTokens.json(row.health()))
                    .append(", \"up\": ").append(row.up()).append('}');
        }
        out.println(json.append(rows.isEmpty() ? "]\n}" : "\n  ]\n}"));
    }

    private static boolean allUp(List<Row> rows) {
        return rows.stream().allMatch(Row::up);
    }

    private static int order(String component) {
        int index = SuiteLauncher.COMPONENTS_WITH_INSTANCES.indexOf(component);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static boolean answers(String address) {
        Matcher port = PORT.matcher(address);
        return port.find() && answers(Integer.parseInt(port.group(1)));
    }

    private static boolean answers(int port) {
        return Ports.accepts(port);
    }
}
