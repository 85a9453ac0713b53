package io.latchkey.server.http;

import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.oidc.SimulatedOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.latchkey.server.http.OidcConsoleSignInTest.cookie;
import static io.latchkey.server.http.OidcConsoleSignInTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

/** oidc.console.local.signin=false: everyone signs in through the provider, except the bootstrap (break-glass) admin. */
class OidcLocalSignInOffTest {
    private static final String PASSWORD = "Correct-Horse-Battery-9";

    @TempDir
    static Path dataDir;
    static SimulatedOidcProvider idp;
    static App app;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        idp = SimulatedOidcProvider.start();
        app = App.open(SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dataDir.toString(), Option.OIDC_ISSUER, idp.issuer(),
                Option.OIDC_CONSOLE_CLIENT_ID, "latchkey-console", Option.OIDC_CONSOLE_NAME, "Test IdP",
                Option.OIDC_CONSOLE_LOCAL_SIGNIN, "false", Option.BOOTSTRAP_ADMIN_USER, "breakglass",
                Option.OIDC_ROLE_MAP, "latchkey-admins=Administrator"), null, Map.of()));
        app.bootstrap("breakglass", PASSWORD, null);
        base = "http://127.0.0.1:" + app.serve();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    private static HttpResponse<String> signIn(String name, String password) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Cookie", "lk_login=" + cookie(form, "lk_login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(csrf.group(1)) + "&name=" + enc(name)
                        + "&password=" + enc(password))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyTheBootstrapAdministratorMaySignInWithAPassword() throws Exception {
        HttpResponse<String> other = signIn("bob", PASSWORD);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("reserved for the break-glass administrator")
                .contains("Sign in with Test IdP");
        assertThat(cookie(other, "lk_console")).isNull();
        HttpResponse<String> breakGlass = signIn("breakglass", PASSWORD);
        assertThat(breakGlass.statusCode()).isEqualTo(303);
        assertThat(cookie(breakGlass, "lk_console")).isNotNull();
    }
}
