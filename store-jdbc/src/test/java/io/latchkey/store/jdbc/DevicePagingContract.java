package io.latchkey.store.jdbc;

import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Keyset paging: every sort with every filter, walked page by page, equals the one-shot answer. */
public interface DevicePagingContract extends StorageFixture {

    @Test
    default void everySortWithEveryFilterPagesThroughEachMatchExactlyOnceInOrder() {
        UUID ana = UUID.randomUUID();
        List<Device> all = inventory(ana);
        all.forEach(storage().devices()::save);
        Map<DeviceFilter, Predicate<Device>> filters = Map.of(
                DeviceFilter.ALL, d -> true,
                DeviceFilter.user(ana), d -> ana.equals(d.enrollingUserId()),
                new DeviceFilter(null, null, null, Platform.WINDOWS, null, null), d -> d.platform() == Platform.WINDOWS,
                new DeviceFilter(null, null, null, null, ManagementChannel.EAS, null),
                d -> d.channel() == ManagementChannel.EAS,
                new DeviceFilter(null, null, null, null, null, "dev 1"), d -> d.name().toLowerCase(Locale.ROOT)
                        .contains("dev 1"),
                DeviceFilter.group(BuiltInGroup.ALL_MOBILE_DEVICES.id()), BuiltInGroup.ALL_MOBILE_DEVICES::contains,
                new DeviceFilter(all.subList(0, 9).stream().map(Device::id).toList(), null, ana, null, null, null),
                d -> all.subList(0, 9).contains(d) && ana.equals(d.enrollingUserId()));
        for (var f : filters.entrySet()) {
            List<Device> expected = all.stream().filter(f.getValue()).toList();
            assertThat(expected).as("fixture covers %s", f.getKey()).isNotEmpty();
            for (DeviceSort sort : DeviceSort.values()) {
                for (int size : new int[]{1, 4, 1000}) {
                    List<Device> walked = walk(f.getKey(), sort, size);
                    assertThat(walked).as("%s by %s in pages of %d", f.getKey(), sort, size)
                            .containsExactlyInAnyOrderElementsOf(expected);
                    assertSorted(walked, sort);
                }
            }
            assertThat(storage().devices().select(f.getKey())).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    default void aPageFullToTheLimitWithNothingAfterHasNoCursor() {
        for (int i = 0; i < 3; i++) {
            storage().devices().save(Fixtures.device("d" + i));
        }
        Page<Device> page = storage().devices().page(DeviceFilter.ALL, DeviceSort.NAME, null, 3);
        assertThat(page.items()).hasSize(3);
        assertThat(page.nextCursor()).isNull();
    }

    private List<Device> walk(DeviceFilter filter, DeviceSort sort, int size) {
        List<Device> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<Device> page = storage().devices().page(filter, sort, cursor, size);
            assertThat(page.items().size()).isLessThanOrEqualTo(size);
            out.addAll(page.items());
            cursor = page.nextCursor();
            assertThat(out.size()).as("paging terminates").isLessThan(10_000);
        } while (cursor != null);
        return out;
    }

    private static void assertSorted(List<Device> devices, DeviceSort sort) {
        Function<Device, Comparable<?>> key = switch (sort) {
            case NAME -> d -> d.name().toLowerCase(Locale.ROOT);
            case LAST_CHECK_IN -> d -> d.lastCheckInAt() == null ? Instant.EPOCH : d.lastCheckInAt();
            case ENROLLED -> Device::enrolledAt;
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Device> order = (a, b) -> ((Comparable) key.apply(a)).compareTo(key.apply(b));
        assertThat(devices).isSortedAccordingTo(order);
    }

    /** 40 devices with repeated names and times, mixed case, null check-ins: ties decided by id. */
    private static List<Device> inventory(UUID ana) {
        List<Device> all = new ArrayList<>();
        Platform[] platforms = Platform.values();
        ManagementChannel[] channels = ManagementChannel.values();
        for (int i = 0; i < 40; i++) {
            String name = (i % 3 == 0 ? "Dev " : "dev ") + (i % 13);
            Device d = Fixtures.device(name, platforms[i % platforms.length], channels[(i / 2) % channels.length]);
            d = Fixtures.withTimes(d, at(i % 5), i % 4 == 0 ? null : at(100 + i % 7));
            all.add(i % 3 == 1 ? Fixtures.withUser(d, ana) : d);
        }
        return all;
    }
}
