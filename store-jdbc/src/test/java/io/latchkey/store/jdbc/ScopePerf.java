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
import io.latchkey.core.inventory.StaticGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A rough timing of scoped reads over a large fleet, run by hand (not a test: timings do not
 * belong in assertions): {@code java -cp <test classpath> io.latchkey.store.jdbc.ScopePerf [h2|postgresql] [n]}.
 * Two scopes: a small group (1 % of the fleet, spread evenly, the worst case for a walk of the
 * name index) and a large one (50 %).
 */
public final class ScopePerf {
    private ScopePerf() {
    }

    public static void main(String[] args) {
        boolean pg = args.length > 0 && args[0].startsWith("p");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        try (TestDatabases.Database db = pg ? TestDatabases.postgres() : TestDatabases.h2()) {
            JdbcStorage s = db.storage();
            List<Device> devices = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                devices.add(Fixtures.device(String.format("device %07d", i)));
            }
            s.imports().storeAll(List.of(), devices);
            StaticGroup small = new StaticGroup(UUID.randomUUID(), "Paris", null, Fixtures.at(0));
            StaticGroup large = new StaticGroup(UUID.randomUUID(), "Europe", null, Fixtures.at(0));
            s.groups().create(small);
            s.groups().create(large);
            List<UUID> smallIds = new ArrayList<>();
            List<UUID> largeIds = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % 100 == 0) {
                    smallIds.add(devices.get(i).id());
                }
                if (i % 2 == 0) {
                    largeIds.add(devices.get(i).id());
                }
            }
            for (int i = 0; i < largeIds.size(); i += 10_000) {
                s.groups().addMembers(large.id(), largeIds.subList(i, Math.min(largeIds.size(), i + 10_000)));
            }
            s.groups().addMembers(small.id(), smallIds);
            if (pg && !Boolean.getBoolean("noAnalyze")) {
                // As autovacuum would after a bulk load: the planner needs statistics to choose a walk.
                try (var c = s.dataSource().getConnection(); var st = c.createStatement()) {
                    st.execute("ANALYZE device");
                    st.execute("ANALYZE group_member");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            for (StaticGroup g : List.of(small, large)) {
                Grants grants = new Grants(List.of(new RoleAssignment(UUID.randomUUID(), Role.helpDeskOperator(),
                        Scope.groups(Set.of(g.id())))));
                String tag = s.vendor() + " scope " + g.name() + ": ";
                for (int round = 0; round < 3; round++) {
                    long t = System.nanoTime();
                    String cursor = null;
                    int pages = 0;
                    for (int i = 0; i < 5; i++) {
                        cursor = s.devices().page(grants.narrow(Permission.READ_DEVICES, DeviceFilter.ALL),
                                DeviceSort.NAME, cursor, 100).nextCursor();
                        pages++;
                        if (cursor == null) {
                            break;
                        }
                    }
                    report(tag + pages + " console/API pages of 100 by name", t, pages);
                    t = System.nanoTime();
                    var page = s.deviceSearch().page(grants.narrow(Permission.READ_DEVICES, DeviceCondition.ALL),
                            new DeviceOrder(DeviceField.NAME, false), null, 0, 100);
                    report(tag + "first Graph page of " + page.items().size(), t, 1);
                    t = System.nanoTime();
                    long count = s.devices().count(grants.narrow(Permission.READ_DEVICES, DeviceFilter.ALL));
                    report(tag + "count (" + count + ")", t, 1);
                    t = System.nanoTime();
                    int selected = s.devices().select(grants.narrow(Permission.WIPE,
                            DeviceFilter.group("all-devices"))).size();
                    report(tag + "select all-devices for an action (" + selected + ")", t, 1);
                    t = System.nanoTime();
                    DeviceScopes scopes = new DeviceScopes(s.deviceSearch());
                    int in = 0;
                    for (int i = 0; i < 100; i++) {
                        in += scopes.covers(grants, Permission.WIPE, devices.get(i * (n / 100)).id()) ? 1 : 0;
                    }
                    report(tag + "100 single-device checks (" + in + " in scope)", t, 100);
                }
            }
        }
    }

    private static void report(String what, long startNanos, int ops) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        System.out.printf("%-75s %9.1f ms  (%.2f ms each)%n", what, ms, ms / Math.max(1, ops));
    }
}
