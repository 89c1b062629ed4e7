package dev.lifeline.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The highest resident set size of each process while it is watched, sampled every 200 ms. */
final class ResidentMemory implements AutoCloseable {

    private final Map<String, Long> pids;
    private final Map<String, Long> peakMiB = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean watching = true;

    private ResidentMemory(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        sampleOnce();
        sampler = new Thread(() -> {
            while (watching) {
                sampleOnce();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "benchmark-rss");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts watching these processes (name → PID). */
    static ResidentMemory watch(Map<String, Long> pids) {
        return new ResidentMemory(pids);
    }

    /** The RSS of each process now, in MiB. */
    static Map<String, Long> now(Map<String, Long> pids) {
        Map<String, Long> rss = new LinkedHashMap<>();
        pids.forEach((name, pid) -> Stack.rssMiB(pid).ifPresent(mib -> rss.put(name, mib)));
        return rss;
    }

    private void sampleOnce() {
        now(pids).forEach((name, mib) -> peakMiB.merge(name, mib, Math::max));
    }

    /** The peaks so far, in the order the processes were given. */
    Map<String, Long> peaks() {
        Map<String, Long> ordered = new LinkedHashMap<>();
        pids.keySet().forEach(name -> {
            if (peakMiB.containsKey(name)) {
                ordered.put(name, peakMiB.get(name));
            }
        });
        return ordered;
    }

    @Override
    public void close() {
        watching = false;
        sampler.interrupt();
    }
}
