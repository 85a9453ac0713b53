package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static io.latchkey.store.jdbc.Fixtures.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Devices: save/replace, lookups, uniqueness, search, cursors. */
public interface DevicesContract extends StorageFixture {

    @Test
    default void savedDeviceComesBackFieldForField() {
        Device d = new Device(UUID.randomUUID(), "UDID-1", "Ana's iPhone", Platform.ANDROID, "14", "Pixel 8", "SN1",
                ManagementChannel.EAS_MDM, Ownership.PERSONAL, UUID.randomUUID(), UUID.randomUUID(), at(0), at(60),
                new ChannelState(true, AndroidMode.WORK_PROFILE, true, "16.1"));
        storage().devices().save(d);
        assertThat(storage().devices().find(d.id())).contains(d);
        assertThat(storage().devices().findByExternalId("UDID-1")).contains(d);
        assertThat(storage().devices().find(UUID.randomUUID())).isEmpty();
        assertThat(storage().devices().findByExternalId("nope")).isEmpty();
    }

    @Test
    default void saveReplacesTheDeviceWithTheSameId() {
        Device d = device("before");
        storage().devices().save(d);
        Device after = Fixtures.withTimes(d.withState(ChannelState.NONE).withCurrentUser(UUID.randomUUID()),
                at(5), at(99));
        storage().devices().save(after);
        assertThat(storage().devices().find(d.id())).contains(after);
        assertThat(storage().devices().select(DeviceFilter.ALL)).containsExactly(after);
    }

    @Test
    default void externalIdIsUniqueButMayBeAbsentOnManyDevices() {
        storage().devices().save(Fixtures.withExternalId(device("a"), "same"));
        assertThatThrownBy(() -> storage().devices().save(Fixtures.withExternalId(device("b"), "same")))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
        storage().devices().save(Fixtures.withExternalId(device("c"), null));
        storage().devices().save(Fixtures.withExternalId(device("d"), null));
        assertThat(storage().devices().select(DeviceFilter.ALL)).extracting(Device::name).containsExactly("a", "c", "d");
    }

    @Test
    default void searchMatchesNameSerialOrModelCaseInsensitivelyAndTakesWildcardsLiterally() {
        storage().devices().save(device("Finance 100% Laptop"));
        storage().devices().save(device("Front_Desk"));
        storage().devices().save(device("FrontXDesk"));
        Device bySerial = new Device(UUID.randomUUID(), null, "plain", Platform.MACOS, "14.1", "MacBook Air",
                "C02ZK123", ManagementChannel.MDM, Ownership.COMPANY, null, null, at(0), null, null);
        storage().devices().save(bySerial);
        assertThat(names(search("100%"))).containsExactly("Finance 100% Laptop");
        assertThat(names(search("t_d"))).containsExactly("Front_Desk");
        assertThat(names(search("FRONT"))).containsExactly("Front_Desk", "FrontXDesk");
        assertThat(names(search("zk12"))).containsExactly("plain");
        assertThat(names(search("book a"))).containsExactly("plain");
        assertThat(storage().devices().page(new DeviceFilter(null, null, null, null, null, "desk"), DeviceSort.NAME,
                null, 10).items()).extracting(Device::name).containsExactly("Front_Desk", "FrontXDesk");
    }

    @Test
    default void idFilterSelectsExactlyTheNamedDevices() {
        Device a = device("a");
        Device b = device("b");
        storage().devices().save(a);
        storage().devices().save(b);
        storage().devices().save(device("c"));
        assertThat(storage().devices().select(DeviceFilter.ids(List.of(b.id(), a.id(), UUID.randomUUID()))))
                .containsExactly(a, b);
        assertThat(storage().devices().select(DeviceFilter.ids(List.of()))).isEmpty();
    }

    @Test
    default void malformedOrForeignCursorsAreRefusedAsInvalid() {
        storage().devices().save(device("a"));
        storage().devices().save(device("b"));
        String byName = storage().devices().page(DeviceFilter.ALL, DeviceSort.NAME, null, 1).nextCursor();
        assertThat(byName).isNotNull();
        assertThatThrownBy(() -> storage().devices().page(DeviceFilter.ALL, DeviceSort.ENROLLED, byName, 1))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.INVALID));
        assertThatThrownBy(() -> storage().devices().page(DeviceFilter.ALL, DeviceSort.NAME, "!!not-base64", 1))
                .isInstanceOf(Rejected.class);
        assertThatThrownBy(() -> storage().devices().page(DeviceFilter.ALL, DeviceSort.NAME, null, 0))
                .isInstanceOf(Rejected.class);
    }

    private List<Device> search(String text) {
        return storage().devices().select(new DeviceFilter(null, null, null, null, null, text));
    }

    private static List<String> names(List<Device> devices) {
        return devices.stream().map(Device::name).toList();
    }
}
