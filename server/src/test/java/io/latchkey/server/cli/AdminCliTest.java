package io.latchkey.server.cli;

import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latchkey admin ...} on a real embedded database: passwords, TOTP, tokens. */
class AdminCliTest {
    private static final String FIRST_PASSWORD = "violet-harbour-crane";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = LatchkeyCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run withStdin(String input, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(before);
        }
    }

    private String bootstrap() {
        String data = dir.toString();
        try (App app = App.open(SettingsLoader.load(Map.of(Option.DATA_DIR, data), null, Map.of()))) {
            app.bootstrap("admin", FIRST_PASSWORD, null);
        }
        return data;
    }

    @Test
    void tokensAreCreatedShownOnceListedWithoutThemselvesAndRevoked() {
        String data = bootstrap();
        Run created = run("admin", "token", "create", "admin", "--name", "ci", "--expires-in-days", "30",
                "--data-dir", data);
        assertThat(created.code()).as(created.err()).isZero();
        String token = created.out().strip();
        assertThat(token).startsWith("lk_");

        Run listed = run("admin", "token", "list", "admin", "--data-dir", data);
        assertThat(listed.code()).isZero();
        assertThat(listed.out()).contains("active").contains("ci").doesNotContain(token)
                .doesNotContain(AdminAccounts.hashToken(token));
        String id = listed.out().lines().filter(l -> l.endsWith("ci")).findFirst().orElseThrow().split("\\s+")[0];

        assertThat(run("admin", "token", "revoke", "admin", id, "--data-dir", data).code()).isZero();
        assertThat(run("admin", "token", "list", "admin", "--data-dir", data).out()).contains("revoked");
        Run again = run("admin", "token", "revoke", "admin", id, "--data-dir", data);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("no active token");
        assertThat(run("admin", "token", "revoke", "admin", "nope", "--data-dir", data).err())
                .contains("not a token id");
    }

    @Test
    void totpEnablePrintsTheOtpauthUri() {
        String data = bootstrap();
        Run r = run("admin", "totp", "enable", "admin", "--data-dir", data);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).matches("otpauth://totp/Latchkey:admin\\?secret=[A-Z2-7]{32}&issuer=Latchkey"
                + "&algorithm=SHA1&digits=6&period=30");
        Run unknown = run("admin", "totp", "enable", "ghost", "--data-dir", data);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no administrator named 'ghost'");
    }

    @Test
    void aPasswordIsSetOnlyThroughThePolicy() {
        String data = bootstrap();
        Run weak = withStdin("password1234\n", "admin", "password", "admin", "--password-stdin", "--data-dir", data);
        assertThat(weak.code()).isEqualTo(1);
        assertThat(weak.err()).contains("most commonly used").doesNotContain("password1234");
        Run ok = withStdin("a-much-better-passphrase\n", "admin", "password", "admin", "--password-stdin",
                "--data-dir", data);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("password set for 'admin'");
    }
}
