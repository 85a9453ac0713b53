package io.latchkey.server.http;

import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles enforced on /api/v1 over real HTTP (embedded H2, any free port). */
class RolesEndToEndTest {
    private static final String TOKEN = "lk_roles-test-token-0123456789ab";
    private static final Map<String, Object> LOCK = Map.of("action", "remoteLock",
            "target", Map.of("search", "roles-"), "options", Map.of("message", "Call IT"));

    @TempDir
    static Path dataDir;
    static App app;
    static TestClient admin;

    @BeforeAll
    static void start() {
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dataDir.toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN), null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        admin = new TestClient(app.serve(), TOKEN);
        TestClient.Response imported = admin.post("/api/v1/import", Map.of(
                "users", List.of(Map.of("userPrincipalName", "r@example.com", "displayName", "R")),
                "devices", List.of(Map.of("name", "roles-001", "platform", "iOS", "osVersion", "17.4.1",
                        "model", "iPhone 15", "serialNumber", "SN-roles-001", "channel", "mdm",
                        "ownership", "company", "enrollingUser", "r@example.com",
                        "currentUser", "r@example.com", "unlockTokenEscrowed", "true"))));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theBootstrapAdministratorHoldsAdministratorOverAllDevices() {
        Admin first = app.storage().admins().findByName("admin").orElseThrow();
        assertThat(app.storage().roleAssignments().of(first.id())).singleElement().satisfies(a -> {
            assertThat(a.roleName()).isEqualTo(Role.ADMINISTRATOR);
            assertThat(a.scope()).isEqualTo(Scope.ALL);
        });
    }

    @Test
    void aReadOnlyOperatorListsDevicesButCannotLockOrRevealOrImport() {
        TestClient readOnly = admin.withToken(operator(Role.READ_ONLY_OPERATOR));
        assertThat(readOnly.get("/api/v1/devices").status()).isEqualTo(200);
        assertThat(readOnly.get("/api/v1/audit").status()).isEqualTo(200);

        TestClient.Response lock = readOnly.post("/api/v1/actions", LOCK);
        assertThat(lock.status()).isEqualTo(403);
        assertThat(lock.json().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(lock.json().at("/error/message").asText()).isEqualTo("your role does not permit remote lock");

        assertThat(readOnly.post("/api/v1/commands/" + UUID.randomUUID() + "/secret", Map.of()).status())
                .isEqualTo(403);
        assertThat(readOnly.post("/api/v1/import", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void aHelpDeskOperatorLocksButCannotManageGroups() {
        TestClient helpDesk = admin.withToken(operator(Role.HELP_DESK_OPERATOR));
        TestClient.Response lock = helpDesk.post("/api/v1/actions", LOCK);
        assertThat(lock.status()).as(lock.body()).isEqualTo(201);
        assertThat(helpDesk.post("/api/v1/groups", Map.of("name", "Nope")).status()).isEqualTo(403);
    }

    @Test
    void anAdminWithoutAnyRoleIsRefusedButMayStillSeeTheirOwnTokens() {
        TestClient nobody = admin.withToken(operator(null));
        assertThat(nobody.get("/api/v1/devices").status()).isEqualTo(403);
        assertThat(nobody.get("/api/v1/tokens").status()).isEqualTo(200);
    }

    @Test
    void anAdministratorManagesCustomRolesAndAssignmentsOverTheApiAndOthersCannot() {
        TestClient.Response created = admin.post("/api/v1/roles", Map.of("name", "Night Lockers",
                "permissions", List.of("readDevices", "remoteLock")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().at("/permissions").toString()).isEqualTo("[\"remoteLock\",\"readDevices\"]");
        assertThat(admin.post("/api/v1/roles", Map.of("name", "Night Lockers", "permissions", List.of())).status())
                .isEqualTo(409);
        assertThat(admin.post("/api/v1/roles", Map.of("name", "Help desk operator", "permissions", List.of()))
                .status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/roles", Map.of("name", "X", "permissions", List.of("fly"))).status())
                .isEqualTo(400);
        assertThat(admin.put("/api/v1/roles/Night%20Lockers", Map.of("permissions", List.of("readDevices", "sync")))
                .json().at("/permissions").toString()).isEqualTo("[\"sync\",\"readDevices\"]");
        assertThat(admin.put("/api/v1/roles/Administrator", Map.of("permissions", List.of())).status()).isEqualTo(400);
        assertThat(admin.delete("/api/v1/roles/Read%20Only%20Operator").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/roles").json().findValuesAsText("name")).contains(Role.ADMINISTRATOR,
                Role.HELP_DESK_OPERATOR, Role.READ_ONLY_OPERATOR, "Night Lockers");

        TestClient.Response group = admin.post("/api/v1/groups", Map.of("name", "Night shift"));
        String groupId = group.json().at("/id").asText();
        String token = operator(null);
        String opName = app.storage().admins().findByTokenHash(AdminAccounts.hashToken(token), Instant.now())
                .orElseThrow().name();
        var listed = admin.get("/api/v1/admins").json();
        String opId = null;
        for (var a : listed) {
            if (a.at("/name").asText().equals(opName)) {
                opId = a.at("/id").asText();
            }
        }
        assertThat(opId).isNotNull();
        TestClient.Response assigned = admin.post("/api/v1/admins/" + opId + "/assignments",
                Map.of("role", "Night Lockers", "groupIds", List.of(groupId)));
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
        assertThat(assigned.json().at("/0/groupIds/0").asText()).isEqualTo(groupId);
        assertThat(admin.post("/api/v1/admins/" + opId + "/assignments", Map.of("role", "Night Lockers",
                "groupIds", List.of(UUID.randomUUID().toString()))).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/admins/" + opId + "/assignments", Map.of("role", "Night Lockers")).status())
                .isEqualTo(400);
        TestClient nightShift = admin.withToken(token);
        assertThat(nightShift.get("/api/v1/roles").status()).isEqualTo(403);
        assertThat(nightShift.post("/api/v1/admins/" + opId + "/assignments", Map.of("role", Role.ADMINISTRATOR,
                "allDevices", true)).status()).isEqualTo(403);

        assertThat(admin.get("/api/v1/admins/" + opId + "/assignments").json().findValuesAsText("role"))
                .containsExactly("Night Lockers");
        assertThat(admin.delete("/api/v1/admins/" + opId + "/assignments/Night%20Lockers").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/roles/Night%20Lockers").status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/audit").body()).contains("role.create").contains("role.update")
                .contains("role.assign").contains("role.unassign").contains("role.delete");
    }

    /** A fresh admin holding the role over all devices (none when null), and a token for them. */
    private static String operator(String role) {
        Admin a = new Admin(UUID.randomUUID(), "op-" + UUID.randomUUID().toString().substring(0, 8), null,
                Instant.now());
        app.storage().admins().create(a, List.of());
        if (role != null) {
            app.roleAdministration().assign(a.id(), role, Scope.ALL, io.latchkey.core.audit.Actor.SYSTEM);
        }
        String token = AdminAccounts.newToken();
        app.storage().admins().addToken(new ApiToken(UUID.randomUUID(), a.id(), "t", AdminAccounts.hashToken(token),
                Instant.now(), Instant.now().plus(Duration.ofDays(1))));
        return token;
    }
}
