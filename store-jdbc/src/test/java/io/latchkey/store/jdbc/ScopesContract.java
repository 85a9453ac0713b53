package io.latchkey.store.jdbc;

import io.latchkey.core.access.DeviceScopes;
import io.latchkey.core.access.Grants;
import io.latchkey.core.access.Permission;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.RoleAssignment;
import io.latchkey.core.access.Scope;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceField;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceOrder;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.StaticGroup;
import io.latchkey.core.inventory.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static io.latchkey.store.jdbc.Fixtures.device;
import static io.latchkey.store.jdbc.Fixtures.request;
import static io.latchkey.store.jdbc.Fixtures.user;
import static io.latchkey.store.jdbc.Fixtures.withUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Role scopes evaluated by the store (issue 8 item 2): a scope as a device condition and as a
 * narrowed filter, for pages, counts and selections; users seen through their devices; an
 * operator's own action history.
 */
public interface ScopesContract extends StorageFixture {

    /** Paris holds p0..p4, London l0..l4, and one device (b) is in both; "lost" is in neither. */
    private Fleet fleet() {
        StaticGroup paris = new StaticGroup(UUID.randomUUID(), "Paris", null, at(0));
        StaticGroup london = new StaticGroup(UUID.randomUUID(), "London", null, at(0));
        storage().groups().create(paris);
        storage().groups().create(london);
        User alice = user("alice@example.com");
        User bob = user("bob@example.com");
        User carol = user("carol@example.com");
        storage().users().save(alice);
        storage().users().save(bob);
        storage().users().save(carol);
        List<UUID> p = new ArrayList<>();
        List<UUID> l = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Device dp = withUser(device("p" + i), alice.id());
            Device dl = withUser(device("l" + i, Platform.ANDROID, io.latchkey.core.inventory.ManagementChannel.MDM),
                    bob.id());
            storage().devices().save(dp);
            storage().devices().save(dl);
            p.add(dp.id());
            l.add(dl.id());
        }
        Device both = withUser(device("b"), alice.id());
        Device lost = withUser(device("lost"), carol.id());
        storage().devices().save(both);
        storage().devices().save(lost);
        p.add(both.id());
        storage().groups().addMembers(paris.id(), p);
        storage().groups().addMembers(london.id(), List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4),
                both.id()));
        return new Fleet(paris.id(), london.id(), p, l, both.id(), lost.id(), alice.id(), bob.id(), carol.id());
    }

    record Fleet(UUID paris, UUID london, List<UUID> parisDevices, List<UUID> londonDevices, UUID both, UUID lost,
                 UUID alice, UUID bob, UUID carol) {
    }

    private static Grants helpDesk(UUID... groups) {
        return new Grants(List.of(new RoleAssignment(UUID.randomUUID(), Role.helpDeskOperator(),
                Scope.groups(Set.of(groups)))));
    }

    @Test
    default void aScopeConditionSelectsOnlyMembersOfItsGroupsInPagesAndCounts() {
        Fleet f = fleet();
        Grants paris = helpDesk(f.paris());
        DeviceCondition where = paris.narrow(Permission.READ_DEVICES, DeviceCondition.ALL);
        assertThat(storage().deviceSearch().count(where)).isEqualTo(6);
        List<UUID> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Device> page = storage().deviceSearch().page(where, new DeviceOrder(DeviceField.NAME, false), cursor,
                    0, 4);
            page.items().forEach(d -> seen.add(d.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(f.parisDevices());
        // A filter of the caller's own is narrowed, never widened: London's Androids are not Paris's.
        DeviceCondition androids = paris.narrow(Permission.READ_DEVICES,
                new DeviceCondition.Compare(DeviceField.PLATFORM, DeviceCondition.Op.EQ, Platform.ANDROID));
        assertThat(storage().deviceSearch().count(androids)).isZero();
        assertThat(storage().deviceSearch().count(new DeviceCondition.InGroups(Set.of(f.paris(), f.london()))))
                .isEqualTo(11);
        assertThat(storage().deviceSearch().count(new DeviceCondition.InGroups(Set.of()))).isZero();
        assertThat(storage().deviceSearch().count(new DeviceCondition.Not(new DeviceCondition.InGroups(
                Set.of(f.paris(), f.london()))))).isEqualTo(1);
    }

    @Test
    default void aScopedFilterNarrowsSelectionsPagesCountsAndBuiltInGroups() {
        Fleet f = fleet();
        Grants london = helpDesk(f.london());
        DeviceFilter everything = london.narrow(Permission.WIPE, DeviceFilter.group("all-devices"));
        assertThat(storage().devices().count(everything)).isEqualTo(6);
        List<UUID> expected = new ArrayList<>(f.londonDevices());
        expected.add(f.both());
        assertThat(storage().devices().select(everything)).extracting(Device::id)
                .containsExactlyInAnyOrderElementsOf(expected);
        List<UUID> mixed = List.of(f.parisDevices().get(0), f.londonDevices().get(0), f.lost(), UUID.randomUUID());
        assertThat(storage().devices().select(london.narrow(Permission.WIPE, DeviceFilter.ids(mixed))))
                .extracting(Device::id).containsExactly(f.londonDevices().get(0));
        Page<Device> page = storage().devices().page(london.narrow(Permission.READ_DEVICES,
                DeviceFilter.user(f.alice())), DeviceSort.NAME, null, 100);
        assertThat(page.items()).extracting(Device::id).containsExactly(f.both());
        // No scope for the permission: nothing at all, never everything.
        Grants readOnly = new Grants(List.of(new RoleAssignment(UUID.randomUUID(), Role.readOnlyOperator(),
                Scope.ALL)));
        assertThat(storage().devices().count(readOnly.narrow(Permission.WIPE, DeviceFilter.ALL))).isZero();
        assertThat(storage().devices().count(readOnly.narrow(Permission.READ_DEVICES, DeviceFilter.ALL)))
                .isEqualTo(12);
    }

    @Test
    default void perDeviceAndPerUserChecksFollowTheScope() {
        Fleet f = fleet();
        DeviceScopes scopes = new DeviceScopes(storage().deviceSearch());
        Grants paris = helpDesk(f.paris());
        assertThat(scopes.covers(paris, Permission.WIPE, f.parisDevices().get(0))).isTrue();
        assertThat(scopes.covers(paris, Permission.WIPE, f.both())).isTrue();
        assertThat(scopes.covers(paris, Permission.WIPE, f.londonDevices().get(0))).isFalse();
        assertThat(scopes.covers(paris, Permission.WIPE, f.lost())).isFalse();
        assertThat(scopes.covers(paris, Permission.MANAGE_ROLES, f.parisDevices().get(0))).isFalse();
        assertThat(scopes.seesUser(paris, f.alice())).isTrue();
        assertThat(scopes.seesUser(paris, f.bob())).isFalse();
        assertThat(scopes.seesUser(paris, f.carol())).isFalse();
        assertThat(storage().users().page(null, Set.of(f.paris()), null, 100).items()).extracting(User::id)
                .containsExactly(f.alice());
        assertThat(storage().users().page("bob", Set.of(f.london(), f.paris()), null, 100).items())
                .extracting(User::id).containsExactly(f.bob());
        assertThat(storage().users().page(null, Set.of(), null, 100).items()).isEmpty();
        assertThat(storage().users().page(null, null, null, 100).items()).hasSize(3);
    }

    @Test
    default void anOperatorsOwnRequestsArePagedWithoutTheOthers() {
        Fleet f = fleet();
        for (int i = 0; i < 5; i++) {
            var mine = request("paris-desk", "k" + i, List.of(f.parisDevices().get(i)), at(i * 10L));
            storage().requests().create(mine.request(), mine.commands(), mine.event());
            var theirs = request("admin", "k" + i, List.of(f.londonDevices().get(i)), at(i * 10L + 5));
            storage().requests().create(theirs.request(), theirs.commands(), theirs.event());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = storage().requests().pageRequestedBy("paris-desk", cursor, 2);
            page.items().forEach(r -> seen.add(r.requestedBy() + ":" + r.idempotencyKey()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).containsExactly("paris-desk:k4", "paris-desk:k3", "paris-desk:k2", "paris-desk:k1",
                "paris-desk:k0");
    }
}
