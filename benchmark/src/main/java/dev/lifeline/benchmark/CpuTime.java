package dev.lifeline.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used so far (user + system, reaped children included) by each component's whole process tree — the
 * PostgreSQL server is a tree of backends — from {@code /proc}. Two readings around a step say where its CPU went.
 */
final class CpuTime {

    /** Linux reports CPU times in clock ticks of 1/100 s on every platform the suite runs on. */
    static final double MILLIS_PER_TICK = 10.0;

    private CpuTime() {
    }

    /** Milliseconds of CPU so far of each component (name → root PID) and every process below it. */
    static Map<String, Double> now(Map<String, Long> roots) {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().matches("[0-9]+")).forEach(p -> {
                try {
                    long pid = Long.parseLong(p.getFileName().toString());
                    String[] fields = statFields(Files.readString(p.resolve("stat")));
                    parents.put(pid, Long.parseLong(fields[1]));
                    ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12])
                            + Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        Map<String, Double> millis = new LinkedHashMap<>();
        roots.forEach((name, root) -> millis.put(name, treeTicks(root, parents, ticks) * MILLIS_PER_TICK));
        return millis;
    }

    /** The fields after the command name, so that {@code [1]} is the parent's PID and {@code [11]} utime. */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /** What each component used between two readings, per unit of work (e.g. per request). */
    static Map<String, Double> perUnit(Map<String, Double> before, Map<String, Double> after, long units) {
        Map<String, Double> per = new LinkedHashMap<>();
        after.forEach((name, millis) -> per.put(name,
                Math.max(0, millis - before.getOrDefault(name, millis)) / Math.max(1, units)));
        return per;
    }

    private static long treeTicks(long root, Map<Long, Long> parents, Map<Long, Long> ticks) {
        long sum = 0;
        List<Long> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            long pid = pending.remove(pending.size() - 1);
            sum += ticks.getOrDefault(pid, 0L);
            parents.forEach((child, parent) -> {
                if (parent == pid) {
                    pending.add(child);
                }
            });
        }
        return sum;
    }
}
