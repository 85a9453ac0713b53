package io.latchkey.server.http;

import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap creates the first administrator and then grants it Administrator, in two writes.
 * A start that stopped between them left the only administrator with no role, locked out of
 * everything; the next start with the same bootstrap settings completes the grant.
 */
class BootstrapRoleRepairTest {
    private static final String TOKEN = "lk_bootstrap-repair-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void theOnlyAdministratorLeftWithoutARoleIsMadeAdministratorAtTheNextStart() {
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN), null, Map.of());
        try (JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(settings.databaseUrl(),
                settings.databaseUser(), settings.databasePassword(), 2))) {
            storage.migrate();
            Admin admin = new Admin(UUID.randomUUID(), settings.bootstrapAdminUser(), null, Instant.now());
            storage.admins().create(admin, List.of(new ApiToken(UUID.randomUUID(), admin.id(), "bootstrap",
                    AdminAccounts.hashToken(TOKEN), Instant.now(), null)));
        }

        try (App app = App.open(settings)) {
            assertThat(app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN)).isEmpty();
            TestClient api = new TestClient(app.serve(), TOKEN);

            assertThat(api.get("/api/v1/devices").status()).isEqualTo(200);
            // The repair is a role change like any other: audited, by the system, with the grant itself.
            assertThat(api.get("/api/v1/audit?limit=50").body()).contains("\"role.assign\"").contains("\"system\"");
        }
    }
}
