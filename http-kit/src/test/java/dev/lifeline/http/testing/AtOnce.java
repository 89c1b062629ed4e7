package dev.lifeline.http.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Fires requests at the same moment, each on its own thread, and collects their answers in order. */
public final class AtOnce {

    private AtOnce() {
    }

    @SafeVarargs
    public static <T> List<T> run(Supplier<T>... requests) {
        return run(List.of(requests));
    }

    public static <T> List<T> run(List<Supplier<T>> requests) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<CompletableFuture<T>> answers = requests.stream()
                    .map(request -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                        return request.get();
                    }, pool)).toList();
            start.countDown();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
