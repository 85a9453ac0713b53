package io.latchkey.core.access;

import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceFilter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class GrantsTest {
    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID PARIS = UUID.randomUUID();
    private static final UUID LONDON = UUID.randomUUID();

    @Test
    void aPermissionAppliesWithinTheUnionOfTheScopesOfTheRolesThatGrantIt() {
        Grants g = new Grants(List.of(
                new RoleAssignment(ADMIN, Role.helpDeskOperator(), Scope.groups(Set.of(PARIS))),
                new RoleAssignment(ADMIN, Role.custom("Wipers", Set.of(Permission.WIPE)), Scope.groups(Set.of(LONDON))),
                new RoleAssignment(ADMIN, Role.readOnlyOperator(), Scope.ALL)));
        assertThat(g.groups(Permission.WIPE)).containsExactlyInAnyOrder(PARIS, LONDON);
        assertThat(g.groups(Permission.REMOTE_LOCK)).containsExactly(PARIS);
        assertThat(g.groups(Permission.READ_DEVICES)).isNull();
        assertThat(g.everywhere(Permission.READ_DEVICES)).isTrue();
        assertThat(g.groups(Permission.MANAGE_ROLES)).isEmpty();
        assertThat(g.permits(Permission.MANAGE_ROLES)).isFalse();
        assertThat(g.devices(Permission.READ_DEVICES)).isEqualTo(DeviceCondition.ALL);
        assertThat(g.devices(Permission.REMOTE_LOCK)).isEqualTo(new DeviceCondition.InGroups(Set.of(PARIS)));
        assertThat(g.devices(Permission.MANAGE_ROLES)).isEqualTo(new DeviceCondition.InGroups(Set.of()));
    }

    @Test
    void narrowingKeepsTheCallersConditionAndNeverWidensAScope() {
        Grants paris = new Grants(List.of(new RoleAssignment(ADMIN, Role.helpDeskOperator(),
                Scope.groups(Set.of(PARIS)))));
        DeviceCondition own = new DeviceCondition.Not(DeviceCondition.ALL);
        assertThat(paris.narrow(Permission.WIPE, own)).isEqualTo(new DeviceCondition.And(List.of(
                new DeviceCondition.InGroups(Set.of(PARIS)), own)));
        assertThat(paris.narrow(Permission.WIPE, DeviceFilter.ALL).scopeGroups()).containsExactly(PARIS);
        DeviceFilter twice = DeviceFilter.ALL.withinGroups(Set.of(LONDON)).withinGroups(Set.of(PARIS, LONDON));
        assertThat(twice.scopeGroups()).containsExactly(LONDON);
        assertThat(twice.unscoped()).isEqualTo(DeviceFilter.ALL);
        assertThat(Grants.none().narrow(Permission.READ_DEVICES, DeviceFilter.ALL).scopeGroups()).isEmpty();
        assertThat(paris.seesGroup(PARIS)).isTrue();
        assertThat(paris.seesGroup(LONDON)).isFalse();
    }
}
