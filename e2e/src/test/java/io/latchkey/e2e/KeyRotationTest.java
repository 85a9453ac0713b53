package io.latchkey.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.core.admin.Totp;
import io.latchkey.server.cli.LatchkeyCommand;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latchkey keys rotate} while a server serves (issue 8 item 5): the master key in the key
 * file is replaced, the data keys re-wrapped, the running node goes on sealing, and a node that holds
 * only the new master key opens what was sealed before the rotation.
 */
class KeyRotationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void rotatingTheMasterKeyNeedsNoRestartAndStrandsNoSecret() throws Exception {
        JdbcStorage.Settings pg = TestDatabases.postgres();
        String oldKey = newKey();
        String newKey = newKey();
        Path keyFile = tmp.resolve("node1.keys");
        Files.writeString(keyFile, oldKey + "\n");
        List<String> db = List.of("--database-url", pg.jdbcUrl(), "--database-user", pg.user(),
                "--database-password", pg.password());

        try (ServerProcess node1 = ServerProcess.start(Files.createDirectories(tmp.resolve("node1")),
                with(db, "--secret-key-file", keyFile.toString()))) {
            beginTotp(node1);
            assertThat(cli(db, keyFile, "keys", "status").exit()).as("nothing to rotate yet").isZero();

            Files.writeString(keyFile, "# new key first, the old one until the rotation is done\n" + newKey + "\n" + oldKey + "\n");
            Cli rotated = cli(db, keyFile, "keys", "rotate");
            assertThat(rotated.exit()).as(rotated.err()).isZero();
            assertThat(rotated.out()).contains("re-wrapped 2 data key(s)", "new data key 2");
            Cli status = cli(db, keyFile, "keys", "status");
            assertThat(status.exit()).isZero();
            assertThat(status.out()).doesNotContain(oldKey, newKey);

            // The running node was not restarted: it still serves and still seals.
            assertThat(node1.get("/readyz").statusCode()).isEqualTo(200);
            String secret = beginTotp(node1);

            Path onlyNew = tmp.resolve("node2.keys");
            Files.writeString(onlyNew, newKey + "\n");
            try (ServerProcess node2 = ServerProcess.start(Files.createDirectories(tmp.resolve("node2")),
                    with(db, "--secret-key-file", onlyNew.toString()))) {
                String code = Totp.code(Totp.fromBase32(secret), Totp.step(Instant.now()), 6);
                var confirmed = node2.post("/api/v1/me/totp/confirm", null, "{\"code\":\"" + code + "\"}");
                assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
            }
            Cli audit = cli(db, keyFile, "audit", "verify");
            assertThat(audit.exit()).isZero();
        }
        String logs = Files.readString(tmp.resolve("node1").resolve("server.log"))
                + Files.readString(tmp.resolve("node2").resolve("server.log"));
        assertThat(logs).doesNotContain(oldKey, newKey);
    }

    private static String beginTotp(ServerProcess node) throws Exception {
        var begun = node.post("/api/v1/me/totp", null, "{}");
        assertThat(begun.statusCode()).as(begun.body()).isIn(200, 201);
        String uri = JSON.readTree(begun.body()).path("otpauthUri").asText();
        return URI.create(uri).getQuery().replaceAll(".*secret=([A-Z2-7]+).*", "$1");
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(List<String> db, Path keyFile, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(db);
        args.addAll(List.of("--secret-key-file", keyFile.toString()));
        CommandLine cl = LatchkeyCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Cli(exit, out.toString(), err.toString());
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
