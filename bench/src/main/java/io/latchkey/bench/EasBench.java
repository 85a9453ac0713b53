package io.latchkey.bench;

import io.latchkey.simulator.eas.ClientProfile;
import io.latchkey.simulator.eas.ExchangeStandIn;
import io.latchkey.simulator.eas.SimulatedEasClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The EAS gateway holding N concurrent long-polling Pings (issue 10): the packaged server runs in
 * its own process with a fixed maximum heap and {@code eas.upstream} pointing at the stand-in
 * Exchange in this JVM, which holds each Ping for its heartbeat. N simulated phones provision
 * through the gateway (at most 32 at once), then each sends a Ping and waits. Heap (live, after a full GC, from the
 * server's own /metrics), RSS and the server's thread count are read with the phones connected but
 * idle (the baseline) and again while all N Pings are held, after Jetty's 30 s idle timeout has
 * passed; at the end the stand-in delivers mail to everyone and every Ping must answer 2.
 *
 * <p>Usage: {@code EasBench <latchkey.jar> <phones> <workDir> <xmx> <holdSeconds>}; prints markdown rows.
 */
public final class EasBench {
    private static final String TOKEN = "lk_bench_eas_token_0123456789abcdef";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int phones = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]);
        String xmx = args[3];
        int holdSeconds = Integer.parseInt(args[4]);
        Files.createDirectories(dataDir);
        try (ExchangeStandIn exchange = ExchangeStandIn.start().recording(false)
                .holdPingsAtMost(Duration.ofSeconds(holdSeconds + 120))) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + xmx, "-jar", jar.toString(), "serve", "--data-dir", dataDir.toString(), "--port",
                    String.valueOf(port)).redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile());
            pb.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_TOKEN", TOKEN);
            pb.environment().put("LATCHKEY_EAS_UPSTREAM", exchange.url().toString());
            Process server = pb.start();
            ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
            try {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(threads).build();
                String base = "http://127.0.0.1:" + port;
                MemoryBench.awaitReady(http, base, server);
                URI gateway = URI.create(base + "/Microsoft-Server-ActiveSync");
                ClientProfile[] profiles = ClientProfile.values();
                List<SimulatedEasClient> clients = new ArrayList<>();
                for (int i = 0; i < phones; i++) {
                    clients.add(new SimulatedEasClient(gateway, profiles[i % profiles.length], "user" + i + "@bench.test",
                            "pw", String.format("BENCH%06d", i), null, http));
                }
                long setUp = System.nanoTime();
                // Phones arrive over time, not all in the same second: at most 32 set up at once.
                java.util.concurrent.Semaphore arriving = new java.util.concurrent.Semaphore(32);
                List<CompletableFuture<?>> provisioned = new ArrayList<>();
                for (SimulatedEasClient c : clients) {
                    provisioned.add(CompletableFuture.runAsync(() -> {
                        arriving.acquireUninterruptibly();
                        try {
                            c.provision();
                        } finally {
                            arriving.release();
                        }
                    }, threads));
                }
                CompletableFuture.allOf(provisioned.toArray(CompletableFuture[]::new)).join();
                double setUpSeconds = (System.nanoTime() - setUp) / 1e9;
                Thread.sleep(6000); // the last-seen batch is written
                Sample idle = sample(http, base, server);

                AtomicInteger answered2 = new AtomicInteger();
                List<CompletableFuture<?>> pings = new ArrayList<>();
                long start = System.nanoTime();
                for (SimulatedEasClient c : clients) {
                    pings.add(CompletableFuture.runAsync(() -> {
                        if (c.ping(holdSeconds + 600).easStatus() == 2) {
                            answered2.incrementAndGet();
                        }
                    }, threads));
                }
                while (exchange.pingsHeld() < phones) {
                    if (System.nanoTime() - start > Duration.ofMinutes(2).toNanos()) {
                        throw new IllegalStateException("only " + exchange.pingsHeld() + " Pings reached the stand-in");
                    }
                    Thread.sleep(100);
                }
                double allHeldSeconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(holdSeconds * 1000L);
                int stillHeld = exchange.pingsHeld();
                Sample holding = sample(http, base, server);
                for (int i = 0; i < phones; i++) {
                    exchange.deliver("user" + i + "@bench.test", "wake up", 200);
                }
                CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new)).join();
                String load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
                System.out.printf("| %,d phones provisioned, connections idle (baseline) | -Xmx%s | %.1f MiB | %.1f MiB | %d |%n",
                        phones, xmx, idle.heap / 1048576.0, idle.rss / 1048576.0, idle.threads);
                System.out.printf("| %,d Pings held %d s through the gateway (%,d still held) | -Xmx%s | %.1f MiB | %.1f MiB | %d |%n",
                        phones, holdSeconds, stillHeld, xmx, holding.heap / 1048576.0, holding.rss / 1048576.0,
                        holding.threads);
                System.out.printf("| per held Ping | | %.1f KiB | %.1f KiB | %.2f |%n",
                        (holding.heap - idle.heap) / 1024.0 / phones, (holding.rss - idle.rss) / 1024.0 / phones,
                        Math.max(0, holding.threads - idle.threads) / (double) phones);
                System.out.printf("<!-- setup %.1f s for %d provisions; all Pings held after %.1f s; %d of %d answered "
                        + "Status 2 on new mail; load %s -->%n", setUpSeconds, phones, allHeldSeconds, answered2.get(),
                        phones, load);
            } finally {
                server.destroy();
                server.waitFor();
                threads.shutdownNow();
            }
        }
    }

    private record Sample(long heap, long rss, long threads) {
    }

    private static Sample sample(HttpClient http, String base, Process server) throws Exception {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(server.pid()), "GC.run").redirectErrorStream(true).start().waitFor();
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        long threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(server.pid()), "status"))) {
            if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return new Sample(MemoryBench.heapUsed(metrics.body()), MemoryBench.rssBytes(server.pid()), threads);
    }
}
