package io.latchkey.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: exit codes and what is printed, on a real embedded database. */
class CliTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void every_command_has_help() {
        for (String command : new String[]{"serve", "demo", "migrate", "copy-database", "import", "version"}) {
            CliRun r = run(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: latchkey " + command);
        }
        assertThat(run("serve", "--help").out()).contains("--data-dir", "LATCHKEY_DATA_DIR", "data.dir");
    }

    @Test
    void configuration_errors_exit_2_and_name_the_problem() {
        CliRun r = run("migrate", "--port", "http", "--data-dir", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("configuration error", "port", "flag --port");
    }

    @Test
    void import_prints_every_row_error_and_exits_1_then_imports_a_valid_file() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "userPrincipalName,displayName\nnot-an-upn,X\n,Y\n");
        Path good = Files.writeString(dir.resolve("users.json"),
                "[{\"userPrincipalName\": \"ana@example.com\", \"displayName\": \"Ana\"}]");
        String data = dir.resolve("data").toString();

        CliRun failed = run("import", bad.toString(), "--section", "users", "--data-dir", data);
        CliRun noSection = run("import", bad.toString(), "--data-dir", data);
        CliRun ok = run("import", good.toString(), "--section", "users", "--data-dir", data);

        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("2 row error(s)", "users row 1", "users row 2", "nothing was imported");
        assertThat(noSection.code()).isEqualTo(1);
        assertThat(noSection.err()).contains("--section");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("imported 1 user(s) and 0 device(s)");
    }

    /**
     * H2 shares a file database between connections of one JVM, so the lock only shows from another
     * process: a real server in a child JVM holds the data directory while this one imports.
     */
    @Test
    void import_says_so_when_a_running_server_holds_the_embedded_database() throws Exception {
        Path file = Files.writeString(dir.resolve("u.csv"), "userPrincipalName\nbo@example.com\n");
        String data = dir.resolve("busy").toString();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.latchkey.server.Main",
                "serve", "--port", "0", "--bind", "127.0.0.1", "--data-dir", data)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()))) {
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.contains("listening on port"));
            assertThat(line).as("the child server started").isNotNull();

            CliRun r = run("import", file.toString(), "--section", "users", "--data-dir", data);

            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("in use by another process", "POST /api/v1/import");
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void migrate_and_version() {
        CliRun migrate = run("migrate", "--data-dir", dir.resolve("m").toString());
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("schema is up to date");
        assertThat(run("version").out()).startsWith("latchkey ");
    }
}
