package io.latchkey.store.jdbc;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.access.Permission;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.RoleAssignment;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.inventory.StaticGroup;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Roles (built-in and custom) and the assignments of admins to them, with their scopes. */
public interface RolesContract extends StorageFixture {

    /** An audit entry told apart from every other by its detail. */
    private AuditEvent change(String action) {
        return new AuditEvent(UUID.randomUUID(), at(0), "tester", "test", action, "role", "r",
                "change " + UUID.randomUUID());
    }

    private long recorded(AuditEvent e) throws Exception {
        try (Connection c = storage().dataSource().getConnection();
             var st = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE detail = ?")) {
            st.setString(1, e.detail());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    default void everyChangeIsAuditedInItsOwnTransactionAndARefusedOneLeavesNoEntry() throws Exception {
        Admin admin = newAdmin("audited");
        String name = "Audited " + UUID.randomUUID();
        AuditEvent created = change("role.create");
        storage().roles().saveCustom(Role.custom(name, EnumSet.of(Permission.REMOTE_LOCK)), created);
        AuditEvent assigned = change("role.assign");
        storage().roleAssignments().assign(admin.id(), name, Scope.ALL, assigned);
        AuditEvent revoked = change("role.unassign");
        storage().roleAssignments().revoke(admin.id(), name, revoked);
        AuditEvent deleted = change("role.delete");
        assertThat(storage().roles().deleteCustom(name, deleted)).isTrue();
        for (AuditEvent e : List.of(created, assigned, revoked, deleted)) {
            assertThat(recorded(e)).as(e.action()).isOne();
        }

        AuditEvent refused = change("role.assign");
        assertThatThrownBy(() -> storage().roleAssignments().assign(admin.id(), name, Scope.ALL, refused));
        AuditEvent notHeld = change("role.unassign");
        storage().roleAssignments().revoke(admin.id(), name, notHeld);
        AuditEvent gone = change("role.delete");
        assertThat(storage().roles().deleteCustom(name, gone)).isFalse();
        AuditEvent builtIn = change("role.update");
        assertThatThrownBy(() -> storage().roles().saveCustom(Role.administrator(), builtIn));
        for (AuditEvent e : List.of(refused, notHeld, gone, builtIn)) {
            assertThat(recorded(e)).as("nothing changed: no entry for " + e.action()).isZero();
        }
        assertThat(storage().auditChain().verify().intact()).isTrue();
    }

    private Admin newAdmin(String name) {
        Admin admin = new Admin(UUID.randomUUID(), name, null, at(0));
        storage().admins().create(admin, List.of());
        return admin;
    }

    @Test
    default void theMigrationSeedsTheThreeBuiltInRolesWithTheirPermissions() throws Exception {
        try (Connection c = storage().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT r.name, COUNT(p.permission) FROM role r"
                     + " JOIN role_permission p ON p.role_name = r.name WHERE r.built_in = TRUE"
                     + " GROUP BY r.name ORDER BY r.name")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(Role.ADMINISTRATOR);
            assertThat(rs.getInt(2)).isEqualTo(Permission.values().length);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(2)).isEqualTo(Role.helpDeskOperator().permissions().size());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(2)).isEqualTo(Role.readOnlyOperator().permissions().size());
            assertThat(rs.next()).isFalse();
        }
        assertThat(storage().roles().byName(Role.HELP_DESK_OPERATOR)).contains(Role.helpDeskOperator());
        assertThat(storage().roles().all()).startsWith(Role.administrator(), Role.helpDeskOperator(),
                Role.readOnlyOperator());
    }

    @Test
    default void aCustomRoleIsSavedReplacedAndFound() {
        storage().roles().saveCustom(Role.custom("Auditors " + UUID.randomUUID(), Set.of()), change("role.update"));
        String name = "Lockers " + UUID.randomUUID();
        storage().roles().saveCustom(Role.custom(name, EnumSet.of(Permission.REMOTE_LOCK, Permission.WIPE)),
                change("role.update"));
        storage().roles().saveCustom(Role.custom(name, EnumSet.of(Permission.REMOTE_LOCK, Permission.READ_DEVICES)),
                change("role.update"));
        assertThat(storage().roles().byName(name)).hasValueSatisfying(r -> {
            assertThat(r.builtIn()).isFalse();
            assertThat(r.permissions()).containsExactlyInAnyOrder(Permission.REMOTE_LOCK, Permission.READ_DEVICES);
        });
        assertThat(storage().roles().all()).extracting(Role::name).contains(name);
        assertThat(storage().roles().byName("nobody")).isEmpty();
        assertThatThrownBy(() -> storage().roles().saveCustom(Role.administrator(), change("role.update")))
                .hasMessageContaining("built-in role");
    }

    @Test
    default void assignmentsCarryTheirRoleAndScopeAndCanBeReplacedAndRevoked() {
        Admin admin = newAdmin("helpdesk");
        StaticGroup g1 = new StaticGroup(UUID.randomUUID(), "Branch A", null, at(0));
        StaticGroup g2 = new StaticGroup(UUID.randomUUID(), "Branch B", null, at(0));
        storage().groups().create(g1);
        storage().groups().create(g2);

        storage().roleAssignments().assign(admin.id(), Role.HELP_DESK_OPERATOR, Scope.groups(Set.of(g1.id(), g2.id())),
                change("role.assign"));
        storage().roleAssignments().assign(admin.id(), Role.READ_ONLY_OPERATOR, Scope.ALL, change("role.assign"));
        assertThat(storage().roleAssignments().of(admin.id())).containsExactly(
                new RoleAssignment(admin.id(), Role.helpDeskOperator(), Scope.groups(Set.of(g1.id(), g2.id()))),
                new RoleAssignment(admin.id(), Role.readOnlyOperator(), Scope.ALL));

        storage().roleAssignments().assign(admin.id(), Role.HELP_DESK_OPERATOR, Scope.groups(Set.of(g2.id())),
                change("role.assign"));
        assertThat(storage().roleAssignments().of(admin.id()).getFirst().scope().groupIds()).containsExactly(g2.id());

        storage().roleAssignments().revoke(admin.id(), Role.READ_ONLY_OPERATOR, change("role.unassign"));
        storage().roleAssignments().revoke(admin.id(), Role.READ_ONLY_OPERATOR, change("role.unassign")); // already gone: no-op
        assertThat(storage().roleAssignments().of(admin.id())).extracting(RoleAssignment::roleName)
                .containsExactly(Role.HELP_DESK_OPERATOR);
        assertThat(storage().roleAssignments().of(UUID.randomUUID())).isEmpty();
    }

    @Test
    default void anUnknownRoleOrAnEmptyScopeIsRefused() {
        Admin admin = newAdmin("someone");
        assertThatThrownBy(() -> storage().roleAssignments().assign(admin.id(), "Wizard", Scope.ALL,
                change("role.assign")))
                .hasMessage("unknown role 'Wizard'");
        assertThatThrownBy(() -> storage().roleAssignments().assign(admin.id(), Role.ADMINISTRATOR, Scope.NONE,
                change("role.assign")))
                .hasMessageContaining("needs a scope");
    }
}
