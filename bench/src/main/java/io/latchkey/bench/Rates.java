package io.latchkey.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/** Throughput measurements shared by the fleet benchmarks: a fixed window, a fixed number of clients. */
final class Rates {

    private Rates() {
    }

    /**
     * Calls per second that {@code clients} virtual threads complete in {@code window}, all successful
     * (any failure aborts the benchmark: a rate with errors in it means nothing). Client c passes c,
     * c + clients, c + 2 × clients, … to {@code call}, so a client that indexes a list by it keeps to
     * its own elements when the list's size is a multiple of {@code clients}.
     */
    static double rate(int clients, Duration window, IntPredicate call) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        long end = System.nanoTime() + window.toNanos();
        List<Thread> threads = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            int first = c;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = first; System.nanoTime() < end; i += clients) {
                    (call.test(i) ? done : bad).incrementAndGet();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (bad.get() > 0) {
            throw new IllegalStateException(bad.get() + " calls failed during the rate test");
        }
        return done.get() / (double) window.toSeconds();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
