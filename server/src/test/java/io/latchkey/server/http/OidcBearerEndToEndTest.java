package io.latchkey.server.http;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.oidc.BadTokens;
import io.latchkey.simulator.oidc.SimulatedOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect access tokens on the API over real HTTP, against a local provider stand-in
 * (discovery, JWKS, RS256): valid ones list devices on /api/v1 and Graph, every bad one is a 401,
 * Latchkey's own tokens keep working, and the first use creates one audited admin record.
 */
class OidcBearerEndToEndTest {
    static final String AUDIENCE = "api://latchkey";
    private static final String TOKEN = "lk_oidc-test-token-0123456789abcdef";
    private static final List<String> ADMINS = List.of("latchkey-admins");

    @TempDir
    static Path dataDir;
    static SimulatedOidcProvider provider;
    static BadTokens bad;
    static App app;
    static int port;

    @BeforeAll
    static void start() {
        provider = SimulatedOidcProvider.start();
        bad = new BadTokens(provider, AUDIENCE);
        app = App.open(settings(provider, dataDir, TOKEN));
        app.bootstrap("admin", null, TOKEN);
        port = app.serve();
    }

    static Settings settings(SimulatedOidcProvider idp, Path dir, String token) {
        return SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1", Option.DATA_DIR, dir.toString(),
                Option.BOOTSTRAP_ADMIN_TOKEN, token, Option.OIDC_ISSUER, idp.issuer(),
                Option.OIDC_API_AUDIENCE, AUDIENCE,
                Option.OIDC_ROLE_MAP, "latchkey-admins=Administrator,helpdesk=Help Desk Operator"), null, Map.of());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private static int status(String bearer, String path) {
        return new TestClient(port, bearer).get(path).status();
    }

    @Test
    void aValidAccessTokenListsDevicesOnBothApis() {
        String jwt = provider.accessToken(AUDIENCE, "alice", ADMINS);
        assertThat(status(jwt, "/api/v1/devices")).isEqualTo(200);
        assertThat(status(jwt, "/v1.0/deviceManagement/managedDevices")).isEqualTo(200);
    }

    @Test
    void latchkeyTokensKeepWorking() {
        assertThat(status(TOKEN, "/api/v1/devices")).isEqualTo(200);
        assertThat(status(TOKEN, "/v1.0/deviceManagement/managedDevices")).isEqualTo(200);
    }

    @Test
    void badTokensAreRefused() {
        assertThat(status(bad.otherKey("mallory", ADMINS), "/api/v1/devices")).isEqualTo(401);
        assertThat(status(bad.wrongAudience("mallory", ADMINS), "/api/v1/devices")).isEqualTo(401);
        assertThat(status(bad.wrongIssuer("mallory", ADMINS), "/api/v1/devices")).isEqualTo(401);
        assertThat(status(bad.expired("mallory", ADMINS), "/api/v1/devices")).isEqualTo(401);
        assertThat(status(bad.expired("mallory", ADMINS), "/v1.0/deviceManagement/managedDevices")).isEqualTo(401);
        assertThat(status(bad.notYetValid("mallory", ADMINS), "/api/v1/devices")).isEqualTo(401);
        assertThat(status("not.a.jwt", "/api/v1/devices")).isEqualTo(401);
    }

    @Test
    void clockSkewOfUnderAMinuteIsTolerated() {
        assertThat(status(bad.justExpired("erin", ADMINS), "/api/v1/devices")).isEqualTo(200);
    }

    @Test
    void aTokenWithNoMappedRoleIsRefused() {
        assertThat(status(provider.accessToken(AUDIENCE, "bob", List.of("payroll")), "/api/v1/devices"))
                .isEqualTo(401);
        assertThat(status(provider.accessToken(AUDIENCE, "bob", List.of()), "/api/v1/devices")).isEqualTo(401);
    }

    @Test
    void theFirstUseCreatesOneAuditedAdminRecord() {
        for (int i = 0; i < 2; i++) {
            assertThat(status(provider.accessToken(AUDIENCE, "carol", List.of("helpdesk")), "/api/v1/devices"))
                    .isEqualTo(200);
        }
        String name = "oidc:carol@" + provider.issuer();
        assertThat(app.storage().admins().findByName(name)).isPresent();
        List<AuditEvent> created = app.storage().audit().page(null, 500).items().stream()
                .filter(e -> e.action().equals("admin.federated.create") && e.target().equals(name)).toList();
        assertThat(created).hasSize(1);
        assertThat(created.getFirst().detail()).contains("Help Desk Operator");
    }
}
