package io.latchkey.store.jdbc;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceSort;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A rough timing of the hot paths, run by hand (not a test: timings do not belong in
 * assertions): {@code java -cp <test classpath> io.latchkey.store.jdbc.StoragePerf [h2|postgresql] [n]}.
 */
public final class StoragePerf {
    private StoragePerf() {
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
            long t = System.nanoTime();
            s.imports().storeAll(List.of(), devices);
            report(s.vendor() + " import " + n + " devices", t, n);

            for (int round = 0; round < 3; round++) {
                t = System.nanoTime();
                int selected = s.devices().select(DeviceFilter.ALL).size();
                report(s.vendor() + " select " + selected + " devices", t, selected);
            }
            t = System.nanoTime();
            String cursor = s.devices().page(DeviceFilter.ALL, DeviceSort.NAME, null, 100).nextCursor();
            for (int i = 0; i < 50; i++) {
                cursor = s.devices().page(DeviceFilter.ALL, DeviceSort.LAST_CHECK_IN, null, 100).nextCursor();
            }
            report(s.vendor() + " 50 device pages of 100", t, 50);

            for (int round = 0; round < 3; round++) {
                Fixtures.Submission sub = Fixtures.request("admin", "perf-" + round,
                        devices.stream().map(Device::id).toList(), Fixtures.at(round));
                t = System.nanoTime();
                s.requests().create(sub.request(), sub.commands(), sub.event());
                report(s.vendor() + " create request with " + n + " commands", t, n);
            }

            t = System.nanoTime();
            int claimed = 0;
            List<Command> batch;
            do {
                batch = s.queue().claimWakeups(ChannelKind.APPLE_MDM, 1_000, Fixtures.at(10), Fixtures.at(100));
                s.queue().wakeupsDone(batch.stream().map(Command::id).toList());
                claimed += batch.size();
            } while (!batch.isEmpty());
            report(s.vendor() + " claim+done " + claimed + " commands in batches of 1000", t, claimed);

            t = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                s.queue().dueFor(devices.get(i * (n / 1_000)).id(), 10);
                s.devices().findByExternalId(devices.get(i).externalId());
            }
            report(s.vendor() + " 1000 check-ins (findByExternalId + dueFor)", t, 1_000);

            t = System.nanoTime();
            int expired = 0;
            for (int got; (got = s.transitions().expire(Fixtures.at(30 * 86_400), 1_000)) > 0; ) {
                expired += got;
            }
            report(s.vendor() + " expire " + expired + " commands in batches of 1000", t, expired);
            System.out.println("unused cursor " + (cursor == null ? "" : "ok") + UUID.randomUUID().toString().charAt(0));
        }
    }

    private static void report(String what, long startNanos, int items) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        System.out.printf("%-60s %8.0f ms  %10.0f /s%n", what, ms, items / (ms / 1000));
    }
}
