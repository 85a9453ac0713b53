package io.latchkey.bench;

import io.latchkey.store.jdbc.JdbcStorage;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server memory with a large idle fleet: seeds N devices into an embedded database, starts the
 * packaged server on it with a fixed maximum heap, lists devices through the API the way a console
 * would, forces a full GC and reads the live heap (from the server's own /metrics) and the
 * process's resident set size (/proc). The baseline is the same server on an empty fleet.
 *
 * <p>Usage: {@code MemoryBench <latchkey.jar> <devices> <workDir> <xmx>}; prints one markdown row.
 */
public final class MemoryBench {
    private static final String TOKEN = "lk_bench_memory_token_0123456789abcdef";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int devices = Integer.parseInt(args[1]);
        Path dataDir = Path.of(args[2]);
        String xmx = args[3];
        Files.createDirectories(dataDir);
        long seedNs = 0;
        if (devices > 0) {
            try (JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(dataDir),
                    "sa", "", 4))) {
                storage.migrate();
                seedNs = Fleet.store(storage.imports(), devices, 7);
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-jar", jar.toString(), "serve", "--data-dir", dataDir.toString(), "--port",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile());
        pb.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_TOKEN", TOKEN);
        Process server = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            awaitReady(http, base, server);
            String cursor = null;
            for (int i = 0; i < 10; i++) { // ten pages of 1000, as an administrator scrolling would
                String body = get(http, base + "/api/v1/devices?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor));
                Matcher m = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
                cursor = m.find() ? m.group(1) : null;
                if (cursor == null) {
                    break;
                }
            }
            get(http, base + "/api/v1/devices?group=all-mobile-devices&limit=100");
            run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(server.pid()), "GC.run"));
            long heap = heapUsed(get(http, base + "/metrics"));
            long rss = rssBytes(server.pid());
            System.out.printf("| %,d devices | -Xmx%s | %.1f MiB | %.1f MiB | seeded in %.1f s |%n", devices, xmx,
                    heap / 1048576.0, rss / 1048576.0, seedNs / 1e9);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Polls /readyz until 200; fails when the server process exits or after 3 minutes (EasBench too). */
    static void awaitReady(HttpClient http, String base, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + "; see server.log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not ready within 3 minutes");
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** Sums jvm_memory_used_bytes over the heap pools, as Micrometer's JVM binder reports them. */
    static long heapUsed(String metrics) {
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+([0-9.eE+-]+)")
                .matcher(metrics);
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        if (sum == 0) {
            throw new IllegalStateException("no jvm_memory_used_bytes heap series in /metrics");
        }
        return (long) sum;
    }

    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
    }
}
