package io.latchkey.e2e;

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
import java.util.concurrent.locks.LockSupport;

/** The packaged server ({@code server/target/latchkey.jar}) run as its own process, as an operator runs it. */
final class ServerProcess implements AutoCloseable {
    static final String TOKEN = "lk_e2e_crash_test_token_0123456789abcdef";
    private final ChildProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final String base;
    final int port;

    private final Path log;

    private ServerProcess(ChildProcess process, int port, Path log) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
    }

    static ServerProcess start(Path workDir, List<String> args) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return start(workDir, args, port);
    }

    /** On a given port: devices enrolled against a server reach it again there after a restart. */
    static ServerProcess start(Path workDir, List<String> args, int port) throws Exception {
        Path jar = Path.of("..", "server", "target", "latchkey.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the e2e tests run after the server is packaged "
                    + "(mvn verify from the root)");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--bind", "127.0.0.1"));
        cmd.addAll(args);
        ChildProcess child = ChildProcess.start(cmd, workDir, List.of("LATCHKEY_BOOTSTRAP_ADMIN_TOKEN=" + TOKEN),
                ProcessBuilder.Redirect.appendTo(workDir.resolve("server.log").toFile()));
        ServerProcess server = new ServerProcess(child, port, workDir.resolve("server.log"));
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet: poll again
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("the server was not ready within 2 minutes; see server.log");
    }

    CompletableFuture<HttpResponse<String>> postAsync(String path, String idempotencyKey, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String idempotencyKey, String json) throws Exception {
        return postAsync(path, idempotencyKey, json).get();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    void kill() throws InterruptedException {
        process.kill();
        keepLog();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then the exit code once the process ended within {@code patience}. */
    int terminate(Duration patience) throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        return process.waitFor(patience);
    }

    /** SIGTERM: the graceful stop an operator's service manager sends. */
    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        try {
            process.waitFor(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.close();
        keepLog();
    }

    /**
     * Copies the log out of the test's temporary directory for the log scan after the suite
     * (scripts/scan-logs.sh), which looks for every secret the run handled.
     */
    private void keepLog() {
        String canaries = System.getProperty("latchkey.test.canaries");
        if (canaries == null || !Files.exists(log)) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Path.of(canaries).toAbsolutePath().getParent().resolve("process-logs"));
            Files.copy(log, dir.resolve("server-" + process.pid() + "-" + System.nanoTime() + ".log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep " + log + " for the log scan", e);
        }
    }
}
