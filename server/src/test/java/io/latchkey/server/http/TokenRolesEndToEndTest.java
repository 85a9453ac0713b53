package io.latchkey.server.http;

import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API tokens limited to some of their administrator's roles (issue 8 item 1), and no way out of the limit. */
class TokenRolesEndToEndTest {
    private static final String TOKEN = "lk_token-roles-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aTokenLimitedToARoleActsWithThatRoleOnlyAndCannotMintItsWayOut() {
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN), null, Map.of());
        try (App app = App.open(settings)) {
            var admin = app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN).orElseThrow();
            app.roleAdministration().assign(admin.id(), Role.HELP_DESK_OPERATOR, Scope.ALL, io.latchkey.core.audit.Actor.SYSTEM);
            int port = app.serve();
            TestClient full = new TestClient(port, TOKEN);

            TestClient.Response made = full.post("/api/v1/tokens", Map.of("name", "help desk script",
                    "roles", List.of("help desk operator")));
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            TestClient desk = new TestClient(port, made.json().get("token").asText());

            assertThat(full.get("/api/v1/roles").status()).isEqualTo(200);
            assertThat(desk.get("/api/v1/roles").status()).as("Administrator's MANAGE_ROLES is not carried").isEqualTo(403);
            assertThat(desk.get("/api/v1/devices").status()).isEqualTo(200);

            TestClient.Response escalate = desk.post("/api/v1/tokens", Map.of("name", "wider",
                    "roles", List.of(Role.ADMINISTRATOR)));
            assertThat(escalate.status()).as(escalate.body()).isEqualTo(403);
            TestClient.Response inherit = desk.post("/api/v1/tokens", Map.of("name", "same limit"));
            assertThat(inherit.status()).isEqualTo(201);
            assertThat(new TestClient(port, inherit.json().get("token").asText()).get("/api/v1/roles").status())
                    .as("a token made through a limited token keeps the limit").isEqualTo(403);

            assertThat(full.post("/api/v1/tokens", Map.of("name", "x", "roles", List.of(Role.READ_ONLY_OPERATOR)))
                    .status()).as("a role the admin does not hold").isEqualTo(403);
            assertThat(full.get("/api/v1/tokens").body()).contains("\"roles\":[\"Help Desk Operator\"]");
        }
    }
}
