package io.latchkey.server.http;

import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.oidc.SimulatedOidcProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static io.latchkey.server.http.OidcConsoleSignInTest.cookie;
import static io.latchkey.server.http.OidcConsoleSignInTest.get;
import static org.assertj.core.api.Assertions.assertThat;

/** The server starts while the provider is down; "Sign in with …" then says so, and no flow is begun. */
class OidcProviderDownTest {
    @TempDir
    Path dataDir;

    @Test
    void anUnreachableProviderGetsAClearPage() throws Exception {
        String issuer;
        try (SimulatedOidcProvider gone = SimulatedOidcProvider.start()) {
            issuer = gone.issuer();
        }
        try (App app = App.open(SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dataDir.toString(), Option.OIDC_ISSUER, issuer,
                Option.OIDC_CONSOLE_CLIENT_ID, "latchkey-console", Option.OIDC_CONSOLE_NAME, "Test IdP",
                Option.OIDC_ROLE_MAP, "latchkey-admins=Administrator"), null, Map.of()))) {
            String base = "http://127.0.0.1:" + app.serve();
            assertThat(get(base + "/console/login", null).body()).contains("Sign in with Test IdP");
            HttpResponse<String> begin = get(base + "/console/login/oidc", null);
            assertThat(begin.statusCode()).isEqualTo(502);
            assertThat(begin.body()).contains("Test IdP cannot be reached right now");
            assertThat(cookie(begin, "lk_oidc")).isNull();
        }
    }
}
