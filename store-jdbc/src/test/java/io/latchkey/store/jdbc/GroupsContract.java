package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.StaticGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static io.latchkey.store.jdbc.Fixtures.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Built-in groups (computed from channel and platform) and static groups (stored membership). */
public interface GroupsContract extends StorageFixture {

    @Test
    default void everyBuiltInGroupHoldsExactlyTheDevicesItsDefinitionAdmits() {
        List<Device> all = new ArrayList<>();
        for (Platform p : Platform.values()) {
            for (ManagementChannel c : ManagementChannel.values()) {
                Device d = device(p + "/" + c, p, c);
                storage().devices().save(d);
                all.add(d);
            }
        }
        for (BuiltInGroup g : BuiltInGroup.values()) {
            List<Device> expected = all.stream().filter(g::contains).toList();
            assertThat(expected).as(g.id()).isNotEmpty();
            assertThat(storage().devices().select(DeviceFilter.group(g.id())))
                    .as(g.id()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(storage().devices().page(DeviceFilter.group(g.id()), DeviceSort.ENROLLED, null, 1000).items())
                    .as(g.id()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    default void unknownGroupIdsSelectNoDevice() {
        storage().devices().save(device("a"));
        assertThat(storage().devices().select(DeviceFilter.group(UUID.randomUUID().toString()))).isEmpty();
        assertThat(storage().devices().select(DeviceFilter.group("not-a-group"))).isEmpty();
        assertThat(storage().devices().select(DeviceFilter.group(BuiltInGroup.ALL_USERS_ID))).isEmpty();
    }

    @Test
    default void staticGroupsAreCreatedListedAndFound() {
        StaticGroup b = new StaticGroup(UUID.randomUUID(), "Branch B", null, at(0));
        StaticGroup a = new StaticGroup(UUID.randomUUID(), "Accounting", "4th floor", at(1));
        storage().groups().create(b);
        storage().groups().create(a);
        assertThat(storage().groups().list()).containsExactly(a, b);
        assertThat(storage().groups().find(b.id())).contains(b);
        assertThat(storage().groups().find(UUID.randomUUID())).isEmpty();
        assertThatThrownBy(() -> storage().groups().create(b))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
    }

    @Test
    default void membershipCountsOnlyRealChangesAndDrivesTheGroupFilter() {
        StaticGroup g = new StaticGroup(UUID.randomUUID(), "Lost phones", "", at(0));
        StaticGroup other = new StaticGroup(UUID.randomUUID(), "Other", "", at(0));
        storage().groups().create(g);
        storage().groups().create(other);
        Device a = device("a");
        Device b = device("b");
        Device c = device("c");
        List.of(a, b, c).forEach(storage().devices()::save);

        assertThat(storage().groups().addMembers(g.id(), List.of(a.id(), b.id(), a.id()))).isEqualTo(2);
        assertThat(storage().groups().addMembers(g.id(), List.of(b.id(), c.id(), UUID.randomUUID()))).isEqualTo(1);
        assertThat(storage().groups().addMembers(other.id(), List.of(a.id()))).isEqualTo(1);
        assertThat(storage().groups().addMembers(UUID.randomUUID(), List.of(a.id()))).isZero();
        assertThat(storage().devices().select(DeviceFilter.group(g.id().toString()))).containsExactly(a, b, c);

        assertThat(storage().groups().removeMembers(g.id(), List.of(b.id(), UUID.randomUUID()))).isEqualTo(1);
        assertThat(storage().groups().removeMembers(g.id(), List.of(b.id()))).isZero();
        assertThat(storage().groups().removeMembers(g.id(), List.of())).isZero();
        assertThat(storage().devices().page(DeviceFilter.group(g.id().toString()), DeviceSort.NAME, null, 1).items())
                .containsExactly(a);
        assertThat(storage().devices().select(DeviceFilter.group(g.id().toString()))).containsExactly(a, c);
        assertThat(storage().devices().select(DeviceFilter.group(other.id().toString()))).containsExactly(a);
    }

    @Test
    default void addingThousandsOfMembersCrossesBatchBoundaries() {
        StaticGroup g = new StaticGroup(UUID.randomUUID(), "Fleet", "", at(0));
        storage().groups().create(g);
        List<Device> fleet = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            fleet.add(device(String.format("fleet %04d", i)));
        }
        storage().imports().storeAll(List.of(), fleet);
        assertThat(storage().groups().addMembers(g.id(), fleet.stream().map(Device::id).toList())).isEqualTo(2_500);
        assertThat(storage().devices().select(DeviceFilter.group(g.id().toString()))).hasSize(2_500);
    }
}
