package io.latchkey.e2e;

import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory, its own port), so that
 * a test may stop and start it: the shared server on 5432 is other tests' and is never touched. Run
 * as the {@code postgres} user when the test runs as root (PostgreSQL refuses root). Skipped where no
 * PostgreSQL binaries are installed, a failure in CI.
 */
final class PrivatePostgres implements AutoCloseable {
    private final Path bin;
    private final Path root;
    private final Path data;
    final int port;

    private PrivatePostgres(Path bin, Path root, int port) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
    }

    static PrivatePostgres start() throws Exception {
        Path bin = binaries();
        Path root = Files.createTempDirectory("latchkey-pg-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrivatePostgres pg = new PrivatePostgres(bin, root, port);
        pg.run(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "latchkey",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        pg.startServer();
        return pg;
    }

    JdbcStorage.Settings settings() {
        return new JdbcStorage.Settings("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "latchkey", "latchkey",
                4);
    }

    /** Fast shutdown: clients are disconnected, open transactions rolled back. */
    void stopServer() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    void startServer() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", root.resolve("pg.log").toString(),
                "-w", "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    @Override
    public void close() throws Exception {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        } catch (AssertionError alreadyStopped) {
            // fine
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void run(List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }

    private static Path binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.naturalOrder());
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("no PostgreSQL binaries under " + base);
        }
        Assumptions.abort("no PostgreSQL binaries under " + base);
        return null;
    }
}
