package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.server.App;
import io.latchkey.simulator.oidc.SimulatedOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-approval through OpenID Connect: every access token of one provider identity is the same
 * administrator, so a fresh token does not make its holder a second approver; a help desk role
 * mapped from the provider cannot approve; another administrator can.
 */
class ApprovalOidcEndToEndTest {
    private static final String TOKEN = "lk_approval-oidc-token-0123456789ab";

    @TempDir
    static Path dataDir;
    static SimulatedOidcProvider provider;
    static App app;
    static int port;

    @BeforeAll
    static void start() {
        provider = SimulatedOidcProvider.start();
        app = App.open(OidcBearerEndToEndTest.settings(provider, dataDir, TOKEN));
        app.bootstrap("admin", null, TOKEN);
        port = app.serve();
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

    private static TestClient oidc(String subject, String role) {
        return new TestClient(port, provider.accessToken(OidcBearerEndToEndTest.AUDIENCE, subject, List.of(role)));
    }

    @Test
    void aSecondAccessTokenOfTheRequesterCannotApproveButAnotherAdministratorCan() {
        TestClient local = new TestClient(port, TOKEN);
        local.ok(local.post("/api/v1/import", Map.of(
                "users", List.of(Map.of("userPrincipalName", "o@example.com", "displayName", "O")),
                "devices", List.of(
                        Map.of("name", "oidc-appr-1", "platform", "iOS", "osVersion", "17.4", "channel", "mdm",
                                "ownership", "personal", "enrollingUser", "o@example.com"),
                        Map.of("name", "oidc-appr-2", "platform", "iOS", "osVersion", "17.4", "channel", "mdm",
                                "ownership", "personal", "enrollingUser", "o@example.com")))));
        List<String> ids = new ArrayList<>();
        for (JsonNode d : local.get("/api/v1/devices?search=oidc-appr-").json().get("items")) {
            ids.add(d.get("id").asText());
        }
        TestClient.Response held = oidc("dora", "latchkey-admins").post("/api/v1/actions",
                Map.of("action", "retire", "target", Map.of("ids", ids)));
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        String approval = held.json().get("id").asText();
        assertThat(held.json().get("requestedBy").asText()).isEqualTo("oidc:dora@" + provider.issuer());

        TestClient.Response self = oidc("dora", "latchkey-admins").post("/api/v1/approvals/" + approval + "/approve",
                Map.of());
        assertThat(self.status()).as(self.body()).isEqualTo(403);
        assertThat(self.json().at("/error/code").asText()).isEqualTo("selfApproval");
        TestClient.Response helpDesk = oidc("hank", "helpdesk").post("/api/v1/approvals/" + approval + "/approve",
                Map.of());
        assertThat(helpDesk.status()).isEqualTo(403);
        assertThat(helpDesk.json().at("/error/code").asText()).isEqualTo("forbidden");

        TestClient.Response approved = oidc("eve", "latchkey-admins").post("/api/v1/approvals/" + approval
                + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().at("/actionRequest/requestedBy").asText()).isEqualTo("oidc:dora@"
                + provider.issuer());
    }
}
