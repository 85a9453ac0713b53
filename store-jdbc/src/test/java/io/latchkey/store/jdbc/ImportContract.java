package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.latchkey.store.jdbc.Fixtures.device;
import static io.latchkey.store.jdbc.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inventory import: everything or nothing, and importing again replaces rather than duplicates. */
public interface ImportContract extends StorageFixture {

    @Test
    default void importStoresUsersThenDevicesAndReimportReplaces() {
        User ana = user("ana@example.com");
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            devices.add(Fixtures.withUser(device("d" + i), ana.id()));
        }
        storage().imports().storeAll(List.of(ana), devices);
        storage().imports().storeAll(List.of(new User(ana.id(), ana.userPrincipalName(), "Ana Renamed")), devices);
        assertThat(storage().users().find(ana.id())).map(User::displayName).contains("Ana Renamed");
        assertThat(storage().devices().select(DeviceFilter.user(ana.id()))).containsExactlyInAnyOrderElementsOf(devices);
    }

    @Test
    default void aFailingImportLeavesNothingBehind() {
        Device first = Fixtures.withExternalId(device("first"), "dup");
        List<Device> devices = new ArrayList<>();
        devices.add(first);
        for (int i = 0; i < 1_200; i++) {
            devices.add(device("filler " + i)); // pushes the failure past the first batch
        }
        devices.add(Fixtures.withExternalId(device("second"), "dup"));
        List<User> users = List.of(user("u1@example.com"), user("u2@example.com"));
        assertThatThrownBy(() -> storage().imports().storeAll(users, devices))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
        Users stored = storage().users();
        assertThat(stored.page(null, null, 10).items()).isEmpty();
        assertThat(storage().devices().select(DeviceFilter.ALL)).isEmpty();
    }
}
