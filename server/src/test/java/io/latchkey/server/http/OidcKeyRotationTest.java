package io.latchkey.server.http;

import io.latchkey.server.App;
import io.latchkey.simulator.oidc.SimulatedOidcProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A key rotated at the provider is picked up at its first token, without a restart. */
class OidcKeyRotationTest {
    @TempDir
    Path dataDir;

    @Test
    void aRotatedKeyIsFetchedOnItsUnknownKid() {
        String token = "lk_rotation-test-token-0123456789abcdef";
        try (SimulatedOidcProvider provider = SimulatedOidcProvider.start();
             App app = App.open(OidcBearerEndToEndTest.settings(provider, dataDir, token))) {
            app.bootstrap("admin", null, token);
            int port = app.serve();
            List<String> roles = List.of("latchkey-admins");
            String before = provider.accessToken(OidcBearerEndToEndTest.AUDIENCE, "dave", roles);
            assertThat(new TestClient(port, before).get("/api/v1/devices").status()).isEqualTo(200);
            assertThat(new TestClient(port, before).get("/api/v1/devices").status()).isEqualTo(200);
            assertThat(provider.jwksFetches()).isEqualTo(1); // cached, not fetched per request

            provider.rotateKey();
            String after = provider.accessToken(OidcBearerEndToEndTest.AUDIENCE, "dave", roles);
            assertThat(new TestClient(port, after).get("/api/v1/devices").status()).isEqualTo(200);
            assertThat(provider.jwksFetches()).isEqualTo(2);
        }
    }
}
