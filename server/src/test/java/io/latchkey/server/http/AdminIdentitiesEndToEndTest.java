package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.core.admin.PasswordHash;
import io.latchkey.core.admin.Totp;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.server.App;
import io.latchkey.server.auth.Argon2idHasher;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administrator identities over real HTTP (embedded H2, any free port): API tokens created, listed,
 * revoked and expired; console sign-in with lockout, the Argon2id upgrade of an old hash, and the
 * TOTP step after enrolment through the API. Each test uses its own administrator.
 */
class AdminIdentitiesEndToEndTest {
    private static final String TOKEN = "lk_identity-test-token-0123456789";
    private static final String PASSWORD = "violet-harbour-crane";

    @TempDir
    static Path dataDir;
    static App app;
    static int port;
    static TestClient api;

    @BeforeAll
    static void start() {
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dataDir.toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN), null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), PASSWORD, TOKEN);
        port = app.serve();
        api = new TestClient(port, TOKEN);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aTokenIsShownOnceListedWithoutItselfAndRefusedOnceRevoked() {
        TestClient.Response created = api.post("/api/v1/tokens", Map.of("name", "ci pipeline", "expiresInDays", 7));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Cache-Control")).contains("no-store");
        String token = created.json().get("token").asText();
        String id = created.json().get("id").asText();
        assertThat(token).startsWith("lk_");

        TestClient withNew = api.withToken(token);
        assertThat(withNew.get("/api/v1/devices").status()).isEqualTo(200);

        TestClient.Response listed = api.get("/api/v1/tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(token).doesNotContain(AdminAccounts.hashToken(token))
                .doesNotContain(TOKEN).contains("ci pipeline").contains("bootstrap");

        assertThat(api.delete("/api/v1/tokens/" + id, Map.of()).status()).isEqualTo(204);
        TestClient.Response refused = withNew.get("/api/v1/devices");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("invalid_token"));
        assertThat(api.delete("/api/v1/tokens/" + id, Map.of()).status()).isEqualTo(404);
        JsonNode row = find(api.get("/api/v1/tokens").json().get("tokens"), id);
        assertThat(row.get("active").asBoolean()).isFalse();
        assertThat(row.get("revokedAt").isNull()).isFalse();

        assertThat(actions()).contains("admin.token.create", "admin.token.revoke");
        assertThat(auditText()).doesNotContain(token);
    }

    @Test
    void anExpiredTokenIsRefusedWith401() {
        Admin admin = app.storage().admins().findByName("admin").orElseThrow();
        String expired = AdminAccounts.newToken();
        app.storage().admins().addToken(new ApiToken(UUID.randomUUID(), admin.id(), "old",
                AdminAccounts.hashToken(expired), Instant.now().minus(Duration.ofDays(2)),
                Instant.now().minus(Duration.ofDays(1))));
        assertThat(api.withToken(expired).get("/api/v1/devices").status()).isEqualTo(401);
    }

    @Test
    void badTokenRequestsSayWhatIsWrong() {
        TestClient.Response noName = api.post("/api/v1/tokens", Map.of("expiresInDays", 7));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().at("/error/message").asText()).contains("needs a name");
        TestClient.Response tooLong = api.post("/api/v1/tokens", Map.of("name", "x", "expiresInDays", 5000));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/error/message").asText()).contains("between 1 and 730");
        assertThat(api.delete("/api/v1/tokens/not-a-uuid", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aPasswordChangeThroughTheApiChecksTheCurrentOneAndThePolicy() throws Exception {
        String name = newAdmin("change", new Argon2idHasher().hash(PASSWORD));
        TestClient self = api.withToken(tokenFor(name));

        TestClient.Response wrong = self.post("/api/v1/me/password",
                Map.of("currentPassword", "not-my-password", "newPassword", "a-much-better-passphrase"));
        assertThat(wrong.status()).isEqualTo(403);
        TestClient.Response weak = self.post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "password1234"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().at("/error/message").asText()).contains("most commonly used")
                .doesNotContain("password1234");
        assertThat(self.post("/api/v1/me/password", Map.of("currentPassword", PASSWORD, "newPassword", name)).json()
                .at("/error/message").asText()).isEqualTo("the password must not be the account name");
        TestClient.Response changed = self.post("/api/v1/me/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "a-much-better-passphrase"));
        assertThat(changed.status()).isEqualTo(204);

        assertThat(new Console().signIn(name, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(new Console().signIn(name, "a-much-better-passphrase").statusCode()).isEqualTo(303);
        assertThat(actions()).contains("admin.password.set");
        assertThat(auditText()).doesNotContain("a-much-better-passphrase");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountWithTheSameAnswerAsAWrongPassword() throws Exception {
        String name = newAdmin("lockme", new Argon2idHasher().hash(PASSWORD));
        Console console = new Console();
        String wrongAnswer = null;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = console.signIn(name, "wrong-password-" + i);
            assertThat(r.statusCode()).isEqualTo(401);
            wrongAnswer = message(r.body());
        }
        HttpResponse<String> locked = console.signIn(name, PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(message(locked.body())).isEqualTo(wrongAnswer);
        HttpResponse<String> unknown = console.signIn("nobody-" + UUID.randomUUID(), PASSWORD);
        assertThat(message(unknown.body())).isEqualTo(wrongAnswer);

        List<AuditEvent> mine = audit().stream().filter(e -> e.actor().equals(name)).toList();
        assertThat(mine).extracting(AuditEvent::action).contains("admin.signin.failed", "admin.lockout",
                "admin.signin.locked").doesNotContain("admin.signin");
        assertThat(auditText()).doesNotContain(PASSWORD).doesNotContain("wrong-password-");
    }

    @Test
    void anOldPbkdf2HashBecomesArgon2idAtTheNextSignIn() throws Exception {
        String name = newAdmin("legacy", PasswordHash.hash(PASSWORD));
        HttpResponse<String> r = new Console().signIn(name, PASSWORD);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/console");
        assertThat(app.storage().admins().findByName(name).orElseThrow().passwordHash())
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void withTotpEnrolledThroughTheApiTheConsoleAsksForACodeAndRefusesAReplay() throws Exception {
        String name = newAdmin("totp", new Argon2idHasher().hash(PASSWORD));
        TestClient self = api.withToken(tokenFor(name));

        TestClient.Response begun = self.post("/api/v1/me/totp", Map.of());
        assertThat(begun.status()).isEqualTo(201);
        String uri = begun.json().get("otpauthUri").asText();
        assertThat(uri).startsWith("otpauth://totp/Latchkey:" + name + "?secret=");
        byte[] secret = Totp.fromBase32(uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1"));

        // Still pending: the password alone signs in until a code confirms the enrolment.
        assertThat(new Console().signIn(name, PASSWORD).statusCode()).isEqualTo(303);
        assertThat(self.post("/api/v1/me/totp/confirm", Map.of("code", "000000")).status()).isEqualTo(400);
        long step = Totp.step(Instant.now());
        assertThat(self.post("/api/v1/me/totp/confirm", Map.of("code", Totp.code(secret, step - 1, 6))).status())
                .isEqualTo(204);

        Console console = new Console();
        HttpResponse<String> asked = console.signIn(name, PASSWORD);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("name=\"code\"").doesNotContain("lk_console");
        String code = Totp.code(secret, step, 6);
        HttpResponse<String> in = console.code(asked.body(), code);
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("lk_console="));

        Console again = new Console();
        HttpResponse<String> replay = again.code(again.signIn(name, PASSWORD).body(), code);
        assertThat(replay.statusCode()).isEqualTo(401);

        assertThat(actions()).contains("admin.totp.begin", "admin.totp.enable");
        assertThat(auditText()).doesNotContain(uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1"));
    }

    /** A browser stand-in: keeps cookies, follows no redirect, reads the CSRF token from the form. */
    private static final class Console {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> signIn(String name, String password) throws Exception {
            String form = http.send(HttpRequest.newBuilder(url("/console/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return post("/console/login", Map.of("csrf", field(form, "csrf"), "name", name, "password", password));
        }

        HttpResponse<String> code(String codeForm, String code) throws Exception {
            return post("/console/login/code", Map.of("csrf", field(codeForm, "csrf"), "ticket",
                    field(codeForm, "ticket"), "code", code));
        }

        private HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            String body = fields.entrySet().stream().map(e -> e.getKey() + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(url(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name + " in " + html).isTrue();
        return m.group(1);
    }

    private static String message(String html) {
        Matcher m = Pattern.compile("role=\"alert\">([^<]*)<").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    private static String newAdmin(String prefix, String hash) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        app.storage().admins().create(new Admin(UUID.randomUUID(), name, hash, Instant.now()), List.of());
        return name;
    }

    private static String tokenFor(String name) {
        Admin admin = app.storage().admins().findByName(name).orElseThrow();
        String token = AdminAccounts.newToken();
        app.storage().admins().addToken(new ApiToken(UUID.randomUUID(), admin.id(), "t",
                AdminAccounts.hashToken(token), Instant.now(), Instant.now().plus(Duration.ofDays(1))));
        return token;
    }

    private static JsonNode find(JsonNode tokens, String id) {
        for (JsonNode t : tokens) {
            if (t.get("id").asText().equals(id)) {
                return t;
            }
        }
        throw new AssertionError("no token " + id + " in " + tokens);
    }

    private static List<AuditEvent> audit() {
        List<AuditEvent> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = app.storage().audit().page(cursor, 500);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static List<String> actions() {
        return audit().stream().map(AuditEvent::action).toList();
    }

    private static String auditText() {
        return audit().toString();
    }
}
