package io.latchkey.server.cli;

import io.latchkey.core.access.Permission;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.audit.AuditFilter;
import io.latchkey.core.inventory.StaticGroup;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code latchkey admin role list|create|delete} and {@code admin assign|unassign} on a real embedded database. */
class RoleCliTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private App open() {
        return App.open(SettingsLoader.load(Map.of(Option.DATA_DIR, dir.toString()), null, Map.of()));
    }

    @Test
    void rolesAreCreatedListedAssignedWithinAGroupUnassignedAndDeletedAndEveryChangeIsAudited() {
        UUID paris = UUID.randomUUID();
        try (App app = open()) {
            app.bootstrap("admin", "violet-harbour-crane", null);
            app.storage().admins().create(new Admin(UUID.randomUUID(), "paris-desk", null, Instant.now()), List.of());
            app.storage().groups().create(new StaticGroup(paris, "Paris", null, Instant.now()));
        }
        String data = dir.toString();
        CliRun created = run("admin", "role", "create", "Lockers", "-p", "remote_lock,read_devices", "--data-dir", data);
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(run("admin", "role", "create", "Lockers", "-p", "wipe", "--data-dir", data).err())
                .contains("already exists");
        assertThat(run("admin", "role", "create", "Nope", "-p", "fly", "--data-dir", data).err())
                .contains("unknown permission 'fly'");
        assertThat(run("admin", "role", "create", "Lockers", "--replace", "-p", "remote_lock", "-p", "read_devices",
                "-p", "sync", "--data-dir", data).code()).isZero();
        CliRun listed = run("admin", "role", "list", "--data-dir", data);
        assertThat(listed.out()).contains("Administrator").contains("Help Desk Operator")
                .containsPattern("Lockers\\s+custom\\s+remote_lock,sync,read_devices");

        CliRun assigned = run("admin", "assign", "paris-desk", "Lockers", "--group", "paris", "--data-dir", data);
        assertThat(assigned.code()).as(assigned.err()).isZero();
        assertThat(run("admin", "assign", "paris-desk", "Lockers", "--group", "Lyon", "--data-dir", data).err())
                .contains("no static group named 'Lyon'");
        assertThat(run("admin", "assign", "paris-desk", Role.READ_ONLY_OPERATOR, "--data-dir", data).code()).isZero();
        try (App app = open()) {
            Admin desk = app.storage().admins().findByName("paris-desk").orElseThrow();
            assertThat(app.storage().roleAssignments().of(desk.id())).extracting(a -> a.roleName() + " " + a.scope())
                    .containsExactly("Lockers " + Scope.groups(Set.of(paris)), Role.READ_ONLY_OPERATOR + " " + Scope.ALL);
            assertThat(app.storage().roles().byName("Lockers").orElseThrow().permits(Permission.SYNC)).isTrue();
        }
        assertThat(run("admin", "unassign", "paris-desk", Role.READ_ONLY_OPERATOR, "--data-dir", data).code()).isZero();
        assertThat(run("admin", "unassign", "paris-desk", Role.READ_ONLY_OPERATOR, "--data-dir", data).err())
                .contains("does not hold");
        assertThat(run("admin", "role", "delete", Role.ADMINISTRATOR, "--data-dir", data).err())
                .contains("built-in role and cannot be deleted");
        assertThat(run("admin", "role", "delete", "Lockers", "--data-dir", data).code()).isZero();
        try (App app = open()) {
            Admin desk = app.storage().admins().findByName("paris-desk").orElseThrow();
            assertThat(app.storage().roleAssignments().of(desk.id())).isEmpty();
            assertThat(app.storage().audit().page(new AuditFilter(null, "role.", null, null, null), null, 50).items())
                    .extracting(e -> e.action()).containsExactly("role.delete", "role.unassign", "role.assign",
                            "role.assign", "role.update", "role.create",
                            "role.assign"); // the oldest: the first administrator made Administrator at start
        }
    }

    @Test
    void aSecondAdministratorIsCreatedWithoutPasswordOrRoleThenGivenOne() {
        String data = dir.toString();
        CliRun created = run("admin", "create", "second-approver", "--data-dir", data);
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("'second-approver' created");
        assertThat(run("admin", "create", "second-approver", "--data-dir", data).err()).contains("exists already");
        assertThat(run("admin", "create", "oidc:someone@idp", "--data-dir", data).err()).contains("kept for");
        assertThat(run("admin", "create", " padded", "--data-dir", data).code()).isEqualTo(1);
        assertThat(run("admin", "assign", "second-approver", Role.ADMINISTRATOR, "--data-dir", data).code()).isZero();
        try (App app = open()) {
            Admin second = app.storage().admins().findByName("second-approver").orElseThrow();
            assertThat(second.passwordHash()).isNull();
            assertThat(app.storage().roleAssignments().of(second.id())).extracting(a -> a.roleName())
                    .containsExactly(Role.ADMINISTRATOR);
            assertThat(app.storage().audit().page(new AuditFilter(null, "admin.create", null, null, null), null, 10)
                    .items()).singleElement().satisfies(e -> assertThat(e.target()).isEqualTo("second-approver"));
        }
    }
}
