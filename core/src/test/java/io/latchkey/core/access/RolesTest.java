package io.latchkey.core.access;

import io.latchkey.core.capability.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.latchkey.core.access.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolesTest {
    private static final Set<Permission> HELP_DESK = EnumSet.of(REMOTE_LOCK, PASSCODE_RESET, RETIRE, WIPE,
            LOST_MODE, SYNC, REVEAL_SECRET, READ_DEVICES, READ_AUDIT);
    private static final Set<Permission> READ_ONLY = EnumSet.of(READ_DEVICES, READ_AUDIT);

    /** Every (role, permission) pair with the expected answer: the whole table, not samples. */
    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (Permission p : Permission.values()) {
            rows.add(Arguments.of(Role.administrator(), p, true));
            rows.add(Arguments.of(Role.helpDeskOperator(), p, HELP_DESK.contains(p)));
            rows.add(Arguments.of(Role.readOnlyOperator(), p, READ_ONLY.contains(p)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("table")
    void builtInRolesGrantExactlyTheirPermissions(Role role, Permission permission, boolean expected) {
        assertThat(role.permits(permission)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void everyActionMapsToARemoteTaskPermission(Action action) {
        Permission p = Permission.forAction(action);
        assertThat(p.isRemoteTask()).isTrue();
        assertThat(Role.helpDeskOperator().permits(p)).isTrue();
        assertThat(Role.readOnlyOperator().permits(p)).isFalse();
    }

    @Test
    void lostModeOnAndOffShareOnePermission() {
        assertThat(Permission.forAction(Action.ENABLE_LOST_MODE)).isEqualTo(LOST_MODE);
        assertThat(Permission.forAction(Action.DISABLE_LOST_MODE)).isEqualTo(LOST_MODE);
        assertThat(Permission.forAction(Action.REMOTE_LOCK)).isEqualTo(REMOTE_LOCK);
    }

    @Test
    void helpDeskCannotManageRoles() {
        assertThat(Role.helpDeskOperator().permits(MANAGE_ROLES)).isFalse();
    }

    @Test
    void customRolesCannotTakeABuiltInNameOrBeNameless() {
        assertThatThrownBy(() -> Role.custom("administrator", Set.of(WIPE)))
                .hasMessage("'administrator' is a built-in role name");
        assertThatThrownBy(() -> Role.custom("  ", Set.of(WIPE))).hasMessage("a role name is required");
        assertThat(Role.custom(" Auditors ", Set.of()).name()).isEqualTo("Auditors");
    }

    @Test
    void permissionsParseCaseInsensitivelyAndRefuseUnknownNames() {
        assertThat(Permission.parse(" remote_lock ")).isEqualTo(REMOTE_LOCK);
        assertThatThrownBy(() -> Permission.parse("fly")).hasMessage("unknown permission 'fly'");
    }
}
