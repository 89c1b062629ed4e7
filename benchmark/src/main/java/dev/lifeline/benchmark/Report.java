package dev.lifeline.benchmark;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.lifeline.benchmark.Latencies.ms;

/** The benchmark's Markdown report: the headline against floors and targets, then every figure behind it. */
final class Report {

    static final double TARGET_STARTS_PER_SECOND = 1650;
    static final double TARGET_P99_ABOVE_FLOOR_MILLIS = 50;
    static final double TARGET_SLOW_HASH_SHARE = 0.5;
    static final double TARGET_HOP_RATIO = 3;
    static final long TARGET_SERVICES_RSS_MIB = 1024;
    static final double TARGET_READY_SECONDS = 5;

    private Report() {
    }

    /** The highest offered rate answered in full, without failures, at p99 within the target above the floor. */
    static Optional<Results.StartStep> sustained(List<Results.StartStep> steps, double floorMillis) {
        return steps.stream().filter(step -> meetsLatency(step, floorMillis)).reduce((first, second) -> second);
    }

    private static boolean meetsLatency(Results.StartStep step, double floorMillis) {
        OpenLoop.Result load = step.load();
        return load.failures() == 0 && load.answered(202) == load.sent() && load.achievedRate() >= 0.95 * load.targetRate()
                && load.latency().p99() <= floorMillis + TARGET_P99_ABOVE_FLOOR_MILLIS;
    }

    /** The highest answer rate any step reached, whatever its latency. */
    static double peakAnswerRate(List<Results.StartStep> steps) {
        return steps.stream().mapToDouble(step -> step.load().achievedRate()).max().orElse(0);
    }

    static String markdown(Results results) {
        StringBuilder md = new StringBuilder();
        Results.FloorFigures floors = results.floors();
        double floor = floors.responseFloorMillis();
        double rtt = floors.kafkaRoundTrip().p50();
        int cores = Runtime.getRuntime().availableProcessors();
        md.append("# Lifeline benchmark\n\n")
                .append("Run ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                        .format(results.startedAt()))
                .append(" on ").append(results.machine()).append("; everything (suite, broker, database, mail server, load)")
                .append(" on this one machine. `benchmark/run").append(results.plan() == Plan.QUICK ? " --quick" : "")
                .append("` reproduces it.\n\n");

        md.append("## Headline\n\n| figure | measured | floor | target | met |\n|---|---|---|---|---|\n");
        Optional<Results.StartStep> sustained = sustained(results.starts(), floor);
        md.append(row("recovery starts sustained (p99 ≤ floor + 50 ms, all 202)",
                sustained.map(s -> rate(s.load().targetRate()) + " req/s, p99 " + ms(s.load().latency().p99()) + " ms")
                        .orElse("none") + "; peak " + rate(peakAnswerRate(results.starts())) + " answers/s",
                "response floor " + ms(floor) + " ms",
                "≥ " + rate(TARGET_STARTS_PER_SECOND) + " req/s at p99 ≤ " + ms(floor + TARGET_P99_ABOVE_FLOOR_MILLIS) + " ms",
                sustained.filter(s -> s.load().targetRate() >= TARGET_STARTS_PER_SECOND).isPresent()));
        double hashFloor = floors.slowHashRecoveriesPerSecond(cores);
        Optional<AutomatedRecoveries.Result> busiest = results.recoveries().stream()
                .reduce((first, second) -> second);
        double perSecond = busiest.map(AutomatedRecoveries.Result::perSecond).orElse(0.0);
        md.append(row("automated recoveries sustained (" + busiest.map(r -> r.concurrency() + " at once").orElse("-") + ")",
                String.format(Locale.ROOT, "%.2f/s (%.2f × floor)", perSecond, perSecond / hashFloor),
                String.format(Locale.ROOT, "slow hashes %.2f/s", hashFloor),
                String.format(Locale.ROOT, "≥ %.2f/s (0.5 × floor)", TARGET_SLOW_HASH_SHARE * hashFloor),
                perSecond >= TARGET_SLOW_HASH_SHARE * hashFloor));
        Map<String, Latencies> hops = busiest.map(AutomatedRecoveries.Result::hops).orElse(Map.of());
        Map<String, Latencies> calmHops = results.recoveries().isEmpty() ? Map.of() : results.recoveries().get(0).hops();
        for (String hop : AutomatedRecoveries.EVENT_HOPS) {
            Latencies calm = calmHops.get(hop);
            if (calm == null || calm.count() == 0) {
                continue;
            }
            md.append(row("hop, 1 at once: " + hop, ms(calm.p50()) + " ms median (" + ratio(calm.p50() / rtt) + ")",
                    "Kafka round trip " + ms(rtt) + " ms", "≤ 3 × = " + ms(TARGET_HOP_RATIO * rtt) + " ms",
                    calm.p50() <= TARGET_HOP_RATIO * rtt));
        }
        long rssUnderLoad = servicesPeak(results.memory());
        md.append(row("RSS of the four services under load (sum of peaks)", rssUnderLoad + " MiB",
                "Keycloak alone: 450–680 MiB", "≤ " + TARGET_SERVICES_RSS_MIB + " MiB", rssUnderLoad <= TARGET_SERVICES_RSS_MIB));
        results.readyAlone().forEach((service, seconds) -> md.append(row(service + " ready after launch (alone)",
                String.format(Locale.ROOT, "%.1f s", seconds), "-", "≤ 5 s", seconds <= TARGET_READY_SECONDS)));
        md.append('\n');

        md.append("## Floors (same broker, database and mail server, one operation at a time)\n\n")
                .append("| floor | p50 | p95 | p99 | max | n |\n|---|---|---|---|---|---|\n")
                .append(latencyRow("Kafka produce → consume (acks=all, idempotent, linger 0)", floors.kafkaRoundTrip()))
                .append(latencyRow("PostgreSQL insert + commit (synchronous commit, fsync on)", floors.postgresCommit()))
                .append(latencyRow("SMTP transaction on a new connection (EHLO … QUIT)", floors.smtpTransaction()))
                .append(latencyRow("Argon2id " + floors.argon2Parameters() + " (identity-service's)", floors.argon2id()))
                .append(latencyRow("PBKDF2-HMAC-SHA256, " + floors.pbkdf2Iterations() + " rounds (kyc-service's per answer)",
                        floors.pbkdf2()))
                .append('\n')
                .append(String.format(Locale.ROOT, "One automated recovery needs %d Argon2id hash (the new password) and %d"
                                + " PBKDF2 hashes (two security answers): %.0f ms of one core at the medians, so %d cores hash"
                                + " at most **%.2f recoveries/s** — the slow-hash floor. The SMTP floor is %.0f mails/s on one"
                                + " connection at the median.%n%n", Results.FloorFigures.ARGON2_PER_RECOVERY,
                        Results.FloorFigures.PBKDF2_PER_RECOVERY,
                        Results.FloorFigures.ARGON2_PER_RECOVERY * floors.argon2id().p50()
                                + Results.FloorFigures.PBKDF2_PER_RECOVERY * floors.pbkdf2().p50(),
                        cores, hashFloor, 1000 / floors.smtpTransaction().p50()));

        md.append("## Recovery starts at fixed rates (open loop, latency from each request's due time)\n\n")
                .append("After a warm-up of ").append(results.plan().warmUp().toSeconds()).append(" s at ")
                .append(results.plan().warmUpRate()).append("/s (not reported: cold, the same starts cost three times")
                .append(" the CPU). Half name one of ").append(results.knownAccounts()).append(" known accounts (each at most ")
                .append(StartMix.STARTS_PER_ACCOUNT).append(" times, so every one is a real recovery that mails a code and")
                .append(" alerts the owner), half an unknown identifier (a decoy); each from its own address in")
                .append(" `X-Forwarded-For`. Every answer is held to the response floor (").append(ms(floor))
                .append(" ms). Backlog: the services' consumer lag, the code mails and notifications due but not sent.\n\n")
                .append("| offered /s | sent /s | answered /s | p50 | p95 | p99 | max | p99 − floor | answers | max lag |")
                .append(" backlog at end (lag / mails / notifications) | drained after |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Results.StartStep step : results.starts()) {
            OpenLoop.Result load = step.load();
            md.append("| ").append(rate(load.targetRate())).append(" | ").append(rate(load.sendRate())).append(" | ")
                    .append(rate(load.achievedRate())).append(" | ").append(ms(load.latency().p50())).append(" | ")
                    .append(ms(load.latency().p95())).append(" | ").append(ms(load.latency().p99())).append(" | ")
                    .append(ms(load.latency().maxMillis())).append(" | ").append(ms(load.latency().p99() - floor))
                    .append(" | ").append(load.statuses()).append(load.failures() > 0 ? ", " + load.failures() + " failed" : "")
                    .append(" | ").append(step.maxConsumerLag()).append(" | ").append(step.atEnd().consumerLag())
                    .append(" / ").append(step.atEnd().mailsDue()).append(" / ").append(step.atEnd().notificationsDue())
                    .append(" | ").append(step.drained().toSeconds()).append(" s").append(step.drainedFully() ? "" : " (not drained)")
                    .append(" |\n");
        }
        md.append('\n');
        if (!results.starts().isEmpty()) {
            List<String> components = List.copyOf(results.starts().get(0).cpuMillisPerStart().keySet());
            md.append("CPU per start sent (ms of one core, each component's process tree, from the step's start until")
                    .append(" its backlog drained):\n\n| offered /s | ").append(String.join(" | ", components))
                    .append(" | all |\n|---|").append("---|".repeat(components.size() + 1)).append('\n');
            for (Results.StartStep step : results.starts()) {
                md.append("| ").append(rate(step.load().targetRate()));
                components.forEach(c -> md.append(" | ").append(ms(step.cpuMillisPerStart().getOrDefault(c, 0.0))));
                md.append(" | ").append(ms(step.cpuMillisPerStart().values().stream().mapToDouble(Double::doubleValue).sum()))
                        .append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Automated recoveries (start → code from the mail server → confirm → evidence → READY → new password)\n\n")
                .append("| at once | recovered | per second | end to end (RecoveryRequested → PasswordReset) | client (start sent → reset answered) | 503 busy, retried |\n")
                .append("|---|---|---|---|---|---|\n");
        for (AutomatedRecoveries.Result run : results.recoveries()) {
            md.append("| ").append(run.concurrency()).append(" | ").append(run.completed()).append(" of ")
                    .append(run.recoveries()).append(" | ").append(String.format(Locale.ROOT, "%.2f", run.perSecond()))
                    .append(" | ").append(run.endToEnd().summary()).append(" | ").append(run.client().summary())
                    .append(" | ").append(run.busyAnswers()).append(" |\n");
        }
        if (!results.recoveries().isEmpty()) {
            List<String> components = List.copyOf(results.recoveries().get(0).cpuMillisPerRecovery().keySet());
            md.append("\nCPU per automated recovery (ms of one core, each component's process tree; the slow hashes")
                    .append(" are ").append(ms(results.floors().argon2id().p50() * Results.FloorFigures.ARGON2_PER_RECOVERY
                            + results.floors().pbkdf2().p50() * Results.FloorFigures.PBKDF2_PER_RECOVERY))
                    .append(" ms of it):\n\n| at once | ").append(String.join(" | ", components))
                    .append(" | all |\n|---|").append("---|".repeat(components.size() + 1)).append('\n');
            for (AutomatedRecoveries.Result run : results.recoveries()) {
                md.append("| ").append(run.concurrency());
                components.forEach(c -> md.append(" | ").append(ms(run.cpuMillisPerRecovery().getOrDefault(c, 0.0))));
                md.append(" | ").append(ms(run.cpuMillisPerRecovery().values().stream().mapToDouble(Double::doubleValue).sum()))
                        .append(" |\n");
            }
        }
        md.append("\nPer hop (median, p99 in ms; ratio of the median to the Kafka round trip's, ").append(ms(rtt)).append(" ms):\n\n")
                .append("| hop |");
        results.recoveries().forEach(run -> md.append(' ').append(run.concurrency()).append(" at once |"));
        md.append("\n|---|");
        results.recoveries().forEach(run -> md.append("---|"));
        md.append('\n');
        for (String hop : AutomatedRecoveries.HOPS) {
            md.append("| ").append(hop).append(" |");
            for (AutomatedRecoveries.Result run : results.recoveries()) {
                Latencies latencies = run.hops().get(hop);
                md.append(' ').append(ms(latencies.p50())).append(" / ").append(ms(latencies.p99())).append(" (")
                        .append(ratio(latencies.p50() / rtt)).append(") |");
            }
            md.append('\n');
        }
        results.recoveries().stream().filter(run -> !run.failures().isEmpty()).forEach(run -> md.append("\nFailures at ")
                .append(run.concurrency()).append(" at once: ").append(run.failures()).append('\n'));
        md.append('\n');

        md.append("## Memory (RSS, MiB)\n\n| process | after start-up | peak under the starts | peak under the recoveries |\n")
                .append("|---|---|---|---|\n");
        Set<String> processes = new LinkedHashSet<>(results.memory().idle().keySet());
        processes.addAll(results.memory().underStarts().keySet());
        for (String process : processes) {
            md.append("| ").append(process).append(" | ").append(results.memory().idle().getOrDefault(process, 0L))
                    .append(" | ").append(results.memory().underStarts().getOrDefault(process, 0L)).append(" | ")
                    .append(results.memory().underRecoveries().getOrDefault(process, 0L)).append(" |\n");
        }
        md.append("| the four services | ").append(servicesSum(results.memory().idle())).append(" | ")
                .append(servicesSum(results.memory().underStarts())).append(" | ")
                .append(servicesSum(results.memory().underRecoveries())).append(" |\n\n");

        md.append("## Start-up (launch until ready)\n\n| component | in `up`, all at once | alone (`stop`, `start`) |\n|---|---|---|\n");
        results.readyAfterUp().forEach((component, seconds) -> md.append("| ").append(component).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f s", seconds)).append(" | ")
                .append(Optional.ofNullable(results.readyAlone().get(component))
                        .map(alone -> String.format(Locale.ROOT, "%.1f s", alone)).orElse("-")).append(" |\n"));
        md.append("\n![latency against throughput, and end-to-end latency per concurrency](chart.png)\n");
        return md.toString();
    }

    private static long servicesPeak(Results.Memory memory) {
        return Math.max(servicesSum(memory.underStarts()), servicesSum(memory.underRecoveries()));
    }

    private static long servicesSum(Map<String, Long> rss) {
        return Stack.SERVICES.stream().mapToLong(service -> rss.getOrDefault(service, 0L)).sum();
    }

    private static String row(String figure, String measured, String floor, String target, boolean met) {
        return "| " + figure + " | " + measured + " | " + floor + " | " + target + " | " + (met ? "yes" : "**no**") + " |\n";
    }

    private static String latencyRow(String name, Latencies latencies) {
        return "| " + name + " | " + ms(latencies.p50()) + " ms | " + ms(latencies.p95()) + " ms | " + ms(latencies.p99())
                + " ms | " + ms(latencies.maxMillis()) + " ms | " + latencies.count() + " |\n";
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.1f×", ratio);
    }
}
