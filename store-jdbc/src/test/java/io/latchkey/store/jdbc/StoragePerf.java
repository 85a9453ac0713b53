package io.latchkey.store.jdbc;

import io.latchkey.core.action.WakeupBatch;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceSort;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rough timing of the hot paths, run by hand (not a test: timings do not belong in
 * assertions): {@code java [-Drounds=5] -cp <test classpath> io.latchkey.store.jdbc.StoragePerf [h2|postgresql|sqlite] [n]}.
 */
public final class StoragePerf {
    private static final int CREATE_ROUNDS = Integer.getInteger("rounds", 5);
    private static final int HAND_OUT_ROUND = 300_000;

    private StoragePerf() {
    }

    public static void main(String[] args) {
        boolean pg = args.length > 0 && args[0].startsWith("p");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        boolean lite = args.length > 0 && args[0].startsWith("s");
        try (TestDatabases.Database db = pg ? TestDatabases.postgres() : lite ? TestDatabases.sqlite() : TestDatabases.h2()) {
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
            String cursor = null;
            for (int i = 0; i < 50; i++) { // 50 consecutive pages: keyset paging seeks, never skips
                cursor = s.devices().page(DeviceFilter.ALL, DeviceSort.LAST_CHECK_IN, cursor, 100).nextCursor();
            }
            report(s.vendor() + " 50 consecutive device pages of 100", t, 50);

            // One warm-up, then CREATE_ROUNDS measured creations; the median is the figure.
            List<Double> createMs = new ArrayList<>();
            for (int round = 0; round <= CREATE_ROUNDS; round++) {
                Fixtures.Submission sub = Fixtures.request("admin", "perf-" + round,
                        devices.stream().map(Device::id).toList(), Fixtures.at(round));
                t = System.nanoTime();
                s.requests().create(sub.request(), sub.commands(), sub.event());
                double ms = report(s.vendor() + " create request with " + n + " commands"
                        + (round == 0 ? " (warm-up)" : ""), t, n);
                if (round > 0) {
                    createMs.add(ms);
                }
            }
            createMs.sort(null);
            System.out.printf("%-60s %8.0f ms  (runs: %s)%n", s.vendor() + " create " + n + " commands, median",
                    createMs.get(createMs.size() / 2), createMs);

            // Hand every command out in windows of 1,000, in rounds of 300,000.
            int handedTotal = 0;
            for (boolean more = true; more; ) {
                t = System.nanoTime();
                int handed = 0;
                while (handed < HAND_OUT_ROUND) {
                    Optional<WakeupBatch> batch = s.queue().claimWakeups(1_000, Fixtures.at(10), Fixtures.at(100));
                    if (batch.isEmpty()) {
                        more = false;
                        break;
                    }
                    s.queue().wakeupsDone(batch.get());
                    handed += batch.get().commands().size();
                }
                if (handed > 0) {
                    report(s.vendor() + " claim+done " + handed + " commands in windows of 1000", t, handed);
                }
                handedTotal += handed;
            }
            System.out.println(s.vendor() + " handed out " + handedTotal + " commands in all");

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
        }
    }

    private static double report(String what, long startNanos, int items) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        System.out.printf("%-60s %8.0f ms  %10.0f /s%n", what, ms, items / (ms / 1000));
        return ms;
    }
}
