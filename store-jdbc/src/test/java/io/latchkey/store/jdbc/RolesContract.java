package io.latchkey.store.jdbc;

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
        storage().roles().saveCustom(Role.custom("Auditors " + UUID.randomUUID(), Set.of()));
        String name = "Lockers " + UUID.randomUUID();
        storage().roles().saveCustom(Role.custom(name, EnumSet.of(Permission.REMOTE_LOCK, Permission.WIPE)));
        storage().roles().saveCustom(Role.custom(name, EnumSet.of(Permission.REMOTE_LOCK, Permission.READ_DEVICES)));
        assertThat(storage().roles().byName(name)).hasValueSatisfying(r -> {
            assertThat(r.builtIn()).isFalse();
            assertThat(r.permissions()).containsExactlyInAnyOrder(Permission.REMOTE_LOCK, Permission.READ_DEVICES);
        });
        assertThat(storage().roles().all()).extracting(Role::name).contains(name);
        assertThat(storage().roles().byName("nobody")).isEmpty();
        assertThatThrownBy(() -> storage().roles().saveCustom(Role.administrator()))
                .hasMessageContaining("built-in role");
    }

    @Test
    default void assignmentsCarryTheirRoleAndScopeAndCanBeReplacedAndRevoked() {
        Admin admin = newAdmin("helpdesk");
        StaticGroup g1 = new StaticGroup(UUID.randomUUID(), "Branch A", null, at(0));
        StaticGroup g2 = new StaticGroup(UUID.randomUUID(), "Branch B", null, at(0));
        storage().groups().create(g1);
        storage().groups().create(g2);

        storage().roleAssignments().assign(admin.id(), Role.HELP_DESK_OPERATOR, Scope.groups(Set.of(g1.id(), g2.id())));
        storage().roleAssignments().assign(admin.id(), Role.READ_ONLY_OPERATOR, Scope.ALL);
        assertThat(storage().roleAssignments().of(admin.id())).containsExactly(
                new RoleAssignment(admin.id(), Role.helpDeskOperator(), Scope.groups(Set.of(g1.id(), g2.id()))),
                new RoleAssignment(admin.id(), Role.readOnlyOperator(), Scope.ALL));

        storage().roleAssignments().assign(admin.id(), Role.HELP_DESK_OPERATOR, Scope.groups(Set.of(g2.id())));
        assertThat(storage().roleAssignments().of(admin.id()).getFirst().scope().groupIds()).containsExactly(g2.id());

        storage().roleAssignments().revoke(admin.id(), Role.READ_ONLY_OPERATOR);
        storage().roleAssignments().revoke(admin.id(), Role.READ_ONLY_OPERATOR); // already gone: no-op
        assertThat(storage().roleAssignments().of(admin.id())).extracting(RoleAssignment::roleName)
                .containsExactly(Role.HELP_DESK_OPERATOR);
        assertThat(storage().roleAssignments().of(UUID.randomUUID())).isEmpty();
    }

    @Test
    default void anUnknownRoleOrAnEmptyScopeIsRefused() {
        Admin admin = newAdmin("someone");
        assertThatThrownBy(() -> storage().roleAssignments().assign(admin.id(), "Wizard", Scope.ALL))
                .hasMessage("unknown role 'Wizard'");
        assertThatThrownBy(() -> storage().roleAssignments().assign(admin.id(), Role.ADMINISTRATOR, Scope.NONE))
                .hasMessageContaining("needs a scope");
    }
}
