package io.latchkey.bench;

import io.latchkey.simulator.apple.SignedRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/** Throughput measurements shared by the fleet benchmarks: a fixed window, a fixed number of clients. */
final class Rates {
    /** The first failed call's status or exception, for the message that aborts the benchmark. */
    private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_FAILURE =
            new java.util.concurrent.atomic.AtomicReference<>();

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
            throw new IllegalStateException(bad.get() + " calls failed during the rate test; the first: "
                    + FIRST_FAILURE.get());
        }
        return done.get() / (double) window.toSeconds();
    }

    /** Check-ins/s and bare /healthz requests/s, each the median of three rounds, measured alternately. */
    /** Medians of the two rates, and how many check-ins were answered over all rounds. */
    record CheckIns(double checkIns, double bare, long checkInCalls) {
        double percent() {
            return 100 * checkIns / bare;
        }
    }

    /**
     * The Apple command endpoint's rate for these devices' Idle reports (nothing due: the server
     * verifies the identity, finds nothing open and answers an empty body) against a bare
     * {@code GET /healthz} on the same HTTP stack, with the same client and concurrency, rounds
     * alternating so that both see the same machine.
     */
    static CheckIns appleCheckIns(HttpClient http, String base, List<SignedRequest> idles,
                                  int clients, Duration window) throws InterruptedException {
        List<Double> checkins = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        AtomicLong calls = new AtomicLong();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/healthz"))
                .GET().build();
        for (int round = 0; round < 3; round++) {
            bare.add(rate(clients, window, i -> ok(http, health)));
            checkins.add(rate(clients, window, i -> {
                SignedRequest r = idles.get(i % idles.size());
                // To the server itself: a seeded fleet's URLs name the public https address its proxy serves.
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.url().getRawPath()))
                        .header("Content-Type", r.contentType()).PUT(HttpRequest.BodyPublishers.ofByteArray(r.body()));
                r.identityHeaders().forEach(b::header);
                calls.incrementAndGet();
                return ok(http, b.build());
            }));
        }
        return new CheckIns(median(checkins), median(bare), calls.get());
    }

    /** Whether one request answered 200 (a failure is counted by {@link #rate} and aborts). */
    static boolean ok(HttpClient http, HttpRequest request) {
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                FIRST_FAILURE.compareAndSet(null, "HTTP " + status + " from " + request.method() + " " + request.uri());
            }
            return status == 200;
        } catch (Exception e) {
            FIRST_FAILURE.compareAndSet(null, e + " from " + request.method() + " " + request.uri());
            return false;
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
