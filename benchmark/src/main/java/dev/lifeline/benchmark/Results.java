package dev.lifeline.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything one benchmark run measured, for the report. */
record Results(Instant startedAt, String machine, Plan plan, FloorFigures floors, List<StartStep> starts,
               List<AutomatedRecoveries.Result> recoveries, Memory memory, Map<String, Double> readyAfterUp,
               Map<String, Double> readyAlone, long knownAccounts) {

    /** The floors, each a histogram, and what one recovery costs in slow hashes. */
    record FloorFigures(Latencies kafkaRoundTrip, Latencies postgresCommit, Latencies smtpTransaction, Latencies argon2id,
                  Latencies pbkdf2, int pbkdf2Iterations, String argon2Parameters, double responseFloorMillis) {

        /** One reset (Argon2id) and two security answers (PBKDF2 each) per automated recovery. */
        static final int ARGON2_PER_RECOVERY = 1;
        static final int PBKDF2_PER_RECOVERY = 2;

        /** Recoveries per second this machine could hash at most, all cores doing nothing else. */
        double slowHashRecoveriesPerSecond(int cores) {
            double perRecoveryMillis = ARGON2_PER_RECOVERY * argon2id.p50() + PBKDF2_PER_RECOVERY * pbkdf2.p50();
            return cores * 1000 / perRecoveryMillis;
        }
    }

    /**
     * One offered rate of recovery starts and what the saga owed afterwards; the CPU each component (process tree)
     * spent per start sent, in milliseconds of one core, from the step's start until its backlog drained.
     */
    record StartStep(OpenLoop.Result load, long maxConsumerLag, Backlog.Snapshot atEnd, Duration drained,
                     boolean drainedFully, Map<String, Double> cpuMillisPerStart) {
    }

    /** RSS in MiB: after start-up, and the peaks under the start load and under the recoveries. */
    record Memory(Map<String, Long> idle, Map<String, Long> underStarts, Map<String, Long> underRecoveries) {
    }
}
