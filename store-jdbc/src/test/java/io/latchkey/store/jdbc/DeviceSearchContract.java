package io.latchkey.store.jdbc;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceCondition.Op;
import io.latchkey.core.inventory.DeviceField;
import io.latchkey.core.inventory.DeviceOrder;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.OsVersion;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.latchkey.store.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DeviceSearch: hundreds of random conditions (and, or, not, comparisons with nulls, in,
 * startswith, version order) evaluated by the store equal the condition's meaning evaluated in
 * memory, in every order and page size; paging is keyset (stable under inserts).
 */
public interface DeviceSearchContract extends StorageFixture {
    List<String> VERSIONS = List.of("9.3", "10.0.19045", "10.0.22631.2861", "6.3", "17.4.1", "14", "10.0", "1.2b");
    List<String> NAMES = List.of("Alpha", "alpha-2", "Beta_1", "beta%2", "Gamma", "ga!mma", "Δelta", "zulu");

    private List<Device> seed(Random random, List<User> users) {
        users.forEach(storage().users()::save);
        List<Device> all = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Platform p = Platform.values()[random.nextInt(Platform.values().length)];
            Instant seen = random.nextInt(4) == 0 ? null : T0.plusSeconds(random.nextInt(1000));
            Device d = new Device(UUID.randomUUID(), null, NAMES.get(random.nextInt(NAMES.size())) + " " + i, p,
                    VERSIONS.get(random.nextInt(VERSIONS.size())), random.nextInt(3) == 0 ? null : "M" + random.nextInt(3),
                    random.nextInt(3) == 0 ? null : "SN" + random.nextInt(5),
                    ManagementChannel.values()[random.nextInt(ManagementChannel.values().length)],
                    random.nextBoolean() ? Ownership.COMPANY : Ownership.PERSONAL,
                    random.nextInt(4) == 0 ? null : users.get(random.nextInt(users.size())).id(), null,
                    T0.plusSeconds(random.nextInt(500)), seen,
                    new ChannelState(false, null, false, null, random.nextBoolean()));
            storage().devices().save(d);
            all.add(d);
        }
        return all;
    }

    @Test
    default void randomConditionsSelectWhatTheyMeanInEveryOrderAndPageSize() {
        Random random = new Random(20261127);
        List<User> users = List.of(Fixtures.user("ana@example.com"), Fixtures.user("Bob@Example.com"),
                Fixtures.user("carla@example.org"));
        List<Device> all = seed(random, users);
        Map<UUID, String> upn = users.stream().collect(Collectors.toMap(User::id, User::userPrincipalName));
        List<DeviceOrder> orders = List.of(DeviceOrder.BY_ID, new DeviceOrder(DeviceField.ID, true),
                new DeviceOrder(DeviceField.NAME, false), new DeviceOrder(DeviceField.NAME, true),
                new DeviceOrder(DeviceField.ENROLLED_AT, false), new DeviceOrder(DeviceField.LAST_CHECK_IN, true));
        for (int round = 0; round < 300; round++) {
            DeviceCondition c = condition(random, all, users, 3);
            List<Device> expected = all.stream().filter(d -> matches(c, d, upn)).toList();
            assertThat(storage().deviceSearch().count(c)).as("count of %s", c).isEqualTo(expected.size());
            DeviceOrder order = orders.get(round % orders.size());
            int size = 1 + random.nextInt(9);
            List<Device> walked = walk(c, order, size);
            assertThat(walked).as("%s by %s in pages of %d", c, order, size)
                    .containsExactlyElementsOf(sorted(expected, order));
        }
    }

    @Test
    default void skipAppliesToTheFirstPageAndACursorStaysValidWhenDevicesAreAdded() {
        List<Device> all = seed(new Random(7), List.of(Fixtures.user("x@example.com")));
        List<Device> byId = sorted(all, DeviceOrder.BY_ID);
        Page<Device> first = storage().deviceSearch().page(DeviceCondition.ALL, DeviceOrder.BY_ID, null, 5, 10);
        assertThat(first.items()).containsExactlyElementsOf(byId.subList(5, 15));
        for (int i = 0; i < 20; i++) {
            storage().devices().save(Fixtures.device("late " + i));
        }
        Page<Device> second = storage().deviceSearch().page(DeviceCondition.ALL, DeviceOrder.BY_ID,
                first.nextCursor(), 0, 1000);
        assertThat(second.items()).doesNotContainAnyElementsOf(first.items());
        assertThat(second.items()).containsAll(byId.subList(15, byId.size()));
        assertThatThrownBy(() -> storage().deviceSearch().page(DeviceCondition.ALL,
                new DeviceOrder(DeviceField.NAME, false), first.nextCursor(), 0, 10))
                .hasMessageContaining("cursor");
    }

    @Test
    default void removalDeletesTheRecordAndItsMembershipsWithAnAuditEntry() {
        Device d = Fixtures.device("gone");
        storage().devices().save(d);
        var event = new AuditEvent(UUID.randomUUID(), T0, "admin", "test", "device.delete", "device",
                d.id().toString(), "deleted");
        assertThat(storage().deviceRemoval().remove(d.id(), event)).isTrue();
        assertThat(storage().devices().find(d.id())).isEmpty();
        assertThat(storage().deviceRemoval().remove(d.id(), event)).isFalse();
        assertThat(storage().audit().page(null, 10).items()).extracting(AuditEvent::action).contains("device.delete");
    }

    @Test
    default void aSelectionNamingMoreDevicesThanAnH2ArrayHoldsFindsThemAllInNameOrder() {
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 66_000; i++) {
            devices.add(Fixtures.device("bulk " + (65_999 - i)));
        }
        storage().imports().storeAll(List.of(), devices);
        List<UUID> ids = new ArrayList<>(devices.stream().map(Device::id).toList());
        ids.add(UUID.randomUUID());
        ids.add(ids.getFirst());

        List<Device> selected = storage().devices().select(io.latchkey.core.inventory.DeviceFilter.ids(ids));

        assertThat(selected).hasSize(66_000);
        assertThat(selected.getFirst().name()).isEqualTo("bulk 0");
        assertThat(selected).isSortedAccordingTo(Comparator.comparing((Device d) -> d.name().toLowerCase(Locale.ROOT))
                .thenComparing(d -> d.id().toString()));
    }

    @Test
    default void userLookupFindsTheUsersThatExistAmongManyIds() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            users.add(Fixtures.user("person" + i + "@example.com"));
        }
        storage().imports().storeAll(users, List.of());
        List<UUID> ids = new ArrayList<>(users.stream().map(User::id).toList());
        ids.add(UUID.randomUUID());
        ids.add(ids.getFirst());

        Map<UUID, User> found = storage().userLookup().byIds(ids);

        assertThat(found).hasSize(1_500);
        assertThat(found.get(users.get(1_234).id())).isEqualTo(users.get(1_234));
        assertThat(storage().userLookup().byIds(List.of())).isEmpty();
    }

    private List<Device> walk(DeviceCondition c, DeviceOrder order, int size) {
        List<Device> out = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Device> p = storage().deviceSearch().page(c, order, cursor, 0, size);
            out.addAll(p.items());
            cursor = p.nextCursor();
            assertThat(++pages).isLessThan(200);
        } while (cursor != null);
        return out;
    }

    private static List<Device> sorted(List<Device> devices, DeviceOrder order) {
        Comparator<Device> byKey = switch (order.field()) {
            case NAME -> Comparator.comparing(d -> d.name().toLowerCase(Locale.ROOT));
            case ENROLLED_AT -> Comparator.comparing(Device::enrolledAt);
            case LAST_CHECK_IN -> Comparator.comparing(d -> d.lastCheckInAt() == null ? Instant.EPOCH : d.lastCheckInAt());
            default -> (a, b) -> 0;
        };
        // UUIDs sort as both databases sort them: by their unsigned bytes, as text does in canonical form.
        Comparator<Device> full = byKey.thenComparing(d -> d.id().toString());
        return devices.stream().sorted(order.descending() ? full.reversed() : full).toList();
    }

    private static DeviceCondition condition(Random r, List<Device> all, List<User> users, int depth) {
        int kind = depth == 0 ? 3 + r.nextInt(4) : r.nextInt(7);
        return switch (kind) {
            case 0 -> new DeviceCondition.And(List.of(condition(r, all, users, depth - 1),
                    condition(r, all, users, depth - 1)));
            case 1 -> new DeviceCondition.Or(List.of(condition(r, all, users, depth - 1),
                    condition(r, all, users, depth - 1)));
            case 2 -> new DeviceCondition.Not(condition(r, all, users, depth - 1));
            case 3, 4 -> compare(r, all, users);
            case 5 -> {
                DeviceField f = r.nextBoolean() ? DeviceField.PLATFORM : DeviceField.USER_PRINCIPAL_NAME;
                List<Object> values = f == DeviceField.PLATFORM
                        ? List.of(Platform.values()[r.nextInt(8)], Platform.values()[r.nextInt(8)])
                        : List.of(users.get(r.nextInt(3)).userPrincipalName().toUpperCase(Locale.ROOT), "no@one");
                yield new DeviceCondition.In(f, values.stream().distinct().toList());
            }
            default -> {
                DeviceField f = List.of(DeviceField.NAME, DeviceField.OS_VERSION, DeviceField.MODEL,
                        DeviceField.USER_PRINCIPAL_NAME).get(r.nextInt(4));
                String prefix = List.of("al", "BE", "beta%", "ga!", "10.0", "M", "ana", "", "Δ").get(r.nextInt(9));
                yield new DeviceCondition.StartsWith(f, prefix);
            }
        };
    }

    private static DeviceCondition compare(Random r, List<Device> all, List<User> users) {
        Device sample = all.get(r.nextInt(all.size()));
        DeviceField f = DeviceField.values()[r.nextInt(DeviceField.values().length)];
        Object value = switch (f) {
            case ID -> sample.id();
            case NAME -> r.nextBoolean() ? sample.name().toUpperCase(Locale.ROOT) : sample.name();
            case PLATFORM -> sample.platform();
            case OS_VERSION -> VERSIONS.get(r.nextInt(VERSIONS.size()));
            case CHANNEL -> sample.channel();
            case OWNERSHIP -> sample.ownership();
            case ENROLLED_AT -> T0.plusSeconds(r.nextInt(500));
            case LAST_CHECK_IN -> T0.plusSeconds(r.nextInt(1000));
            case MODEL -> sample.model();
            case SERIAL_NUMBER -> sample.serialNumber();
            case USER_ID -> sample.enrollingUserId();
            case USER_PRINCIPAL_NAME -> users.get(r.nextInt(3)).userPrincipalName();
            case SUPERVISED -> r.nextBoolean();
        };
        Op op = f.ordered() && value != null ? Op.values()[r.nextInt(6)] : r.nextBoolean() ? Op.EQ : Op.NE;
        return new DeviceCondition.Compare(f, op, value);
    }

    /** The condition's meaning, as DeviceCondition documents it. */
    private static boolean matches(DeviceCondition c, Device d, Map<UUID, String> upn) {
        return switch (c) {
            case DeviceCondition.All a -> true;
            case DeviceCondition.And a -> a.parts().stream().allMatch(p -> matches(p, d, upn));
            case DeviceCondition.Or o -> o.parts().stream().anyMatch(p -> matches(p, d, upn));
            case DeviceCondition.Not n -> !matches(n.part(), d, upn);
            case DeviceCondition.Compare cmp -> {
                Object v = value(cmp.field(), d, upn);
                if (cmp.value() == null) {
                    yield (v == null) == (cmp.op() == Op.EQ);
                }
                if (cmp.op() == Op.NE) {
                    yield !same(cmp.field(), v, cmp.value());
                }
                if (cmp.op() == Op.EQ) {
                    yield same(cmp.field(), v, cmp.value());
                }
                if (v == null) {
                    yield false;
                }
                int k = cmp.field() == DeviceField.OS_VERSION
                        ? OsVersion.sortKey((String) v).compareTo(OsVersion.sortKey((String) cmp.value()))
                        : ((Instant) v).compareTo((Instant) cmp.value());
                yield switch (cmp.op()) {
                    case GT -> k > 0;
                    case GE -> k >= 0;
                    case LT -> k < 0;
                    case LE -> k <= 0;
                    default -> throw new IllegalStateException();
                };
            }
            case DeviceCondition.In in -> {
                Object v = value(in.field(), d, upn);
                yield v != null && in.values().stream().anyMatch(x -> same(in.field(), v, x));
            }
            case DeviceCondition.StartsWith sw -> {
                Object v = value(sw.field(), d, upn);
                boolean folded = sw.field() == DeviceField.NAME || sw.field() == DeviceField.USER_PRINCIPAL_NAME;
                Function<String, String> f = s -> folded ? s.toLowerCase(Locale.ROOT) : s;
                yield v != null && f.apply((String) v).startsWith(f.apply(sw.prefix()));
            }
            // Memberships are not generated here; ScopesContract covers group conditions.
            case DeviceCondition.InGroups g -> throw new IllegalStateException("not generated");
        };
    }

    private static boolean same(DeviceField f, Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (f == DeviceField.NAME || f == DeviceField.USER_PRINCIPAL_NAME) {
            return ((String) a).toLowerCase(Locale.ROOT).equals(((String) b).toLowerCase(Locale.ROOT));
        }
        return Objects.equals(a, b);
    }

    private static Object value(DeviceField f, Device d, Map<UUID, String> upn) {
        return switch (f) {
            case ID -> d.id();
            case NAME -> d.name();
            case PLATFORM -> d.platform();
            case OS_VERSION -> d.osVersion();
            case CHANNEL -> d.channel();
            case OWNERSHIP -> d.ownership();
            case ENROLLED_AT -> d.enrolledAt();
            case LAST_CHECK_IN -> d.lastCheckInAt();
            case MODEL -> d.model();
            case SERIAL_NUMBER -> d.serialNumber();
            case USER_ID -> d.enrollingUserId();
            case USER_PRINCIPAL_NAME -> d.enrollingUserId() == null ? null : upn.get(d.enrollingUserId());
            case SUPERVISED -> d.state().supervised();
        };
    }
}
