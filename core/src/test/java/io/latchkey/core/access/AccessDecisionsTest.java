package io.latchkey.core.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessDecisionsTest {
    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID G1 = UUID.randomUUID();
    private static final UUID G2 = UUID.randomUUID();

    @ParameterizedTest
    @EnumSource(Permission.class)
    void noAssignmentsPermitNothing(Permission p) {
        assertThat(AccessDecisions.permits(List.of(), p)).isFalse();
        assertThat(AccessDecisions.scopeOf(List.of(), p)).isEqualTo(Scope.NONE);
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void administratorOverAllDevicesPermitsEverythingEverywhere(Permission p) {
        var all = List.of(new RoleAssignment(ADMIN, Role.administrator(), Scope.ALL));
        assertThat(AccessDecisions.permits(all, p)).isTrue();
        assertThat(AccessDecisions.scopeOf(all, p)).isEqualTo(Scope.ALL);
    }

    @Test
    void scopesOfGrantingAssignmentsAreUnited() {
        var assignments = List.of(
                new RoleAssignment(ADMIN, Role.helpDeskOperator(), Scope.groups(Set.of(G1))),
                new RoleAssignment(ADMIN, Role.readOnlyOperator(), Scope.groups(Set.of(G2))));
        assertThat(AccessDecisions.scopeOf(assignments, Permission.WIPE).groupIds()).containsExactly(G1);
        assertThat(AccessDecisions.scopeOf(assignments, Permission.READ_DEVICES).groupIds())
                .containsExactlyInAnyOrder(G1, G2);
        assertThat(AccessDecisions.permits(assignments, Permission.MANAGE_ROLES)).isFalse();
    }

    @Test
    void anAllDevicesGrantWinsOverGroups() {
        var assignments = List.of(
                new RoleAssignment(ADMIN, Role.helpDeskOperator(), Scope.groups(Set.of(G1))),
                new RoleAssignment(ADMIN, Role.readOnlyOperator(), Scope.ALL));
        assertThat(AccessDecisions.scopeOf(assignments, Permission.READ_DEVICES)).isEqualTo(Scope.ALL);
        assertThat(AccessDecisions.scopeOf(assignments, Permission.REMOTE_LOCK).allDevices()).isFalse();
    }

    @Test
    void anAssignmentNeedsANonEmptyScope() {
        assertThatThrownBy(() -> new RoleAssignment(ADMIN, Role.administrator(), Scope.NONE))
                .hasMessage("an assignment needs a scope: all devices or some groups");
        assertThatThrownBy(() -> Scope.groups(Set.of())).hasMessage("a group scope needs at least one group");
    }
}
