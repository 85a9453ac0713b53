package io.latchkey.bench;

import io.latchkey.core.Ids;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Channel;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.action.Wakeups;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.store.jdbc.JdbcStorage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The spine's benchmarks on one database: (1) one action request for N devices, stored durably,
 * against a baseline of a bare JDBC batch insert of N rows of the same width into the same
 * database; (2) handing due commands to channels through the channel port. Prints one
 * markdown table row per figure; {@code bench/run.sh} collects them into BENCHMARKS.md.
 *
 * <p>Usage: {@code EngineBench <sqlite|h2|postgresql> <devices> <runs> [jdbcUrl user password]}
 */
public final class EngineBench {

    public static void main(String[] args) throws Exception {
        String vendor = args[0];
        int devices = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        JdbcStorage.Settings settings;
        Path dir = Files.createTempDirectory("latchkey-bench");
        if (vendor.equals("h2")) {
            settings = new JdbcStorage.Settings(JdbcStorage.h2FileUrl(dir), "sa", "", 8);
        } else if (vendor.equals("sqlite")) {
            settings = new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(dir), "sa", "", 8);
        } else {
            settings = new JdbcStorage.Settings(args[3], args[4], args[5], 8);
        }
        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            storage.migrate();
            new EngineBench(storage, vendor, devices, runs).run();
        } finally {
            BenchDirectory.deleteTree(dir);
        }
    }

    private final JdbcStorage storage;
    private final String vendor;
    private final int devices;
    private final int runs;

    private EngineBench(JdbcStorage storage, String vendor, int devices, int runs) {
        this.storage = storage;
        this.vendor = vendor;
        this.devices = devices;
        this.runs = runs;
    }

    private void run() throws SQLException {
        long seed = System.nanoTime();
        long seedNs = Fleet.store(storage.imports(), devices, seed);
        report("seed " + devices + " devices (storeAll, 20k per transaction)", List.of(seedNs), null);

        RemoteActions actions = new RemoteActions(storage.devices(), storage.groups(), storage.requests(),
                storage.transitions(), storage.audit(), new AesGcmSealer(new byte[32]), () -> { },
                Clock.systemUTC(), Duration.ofDays(7));
        List<Long> baseline = new ArrayList<>();
        List<Long> create = new ArrayList<>();
        int commands = 0;
        for (int r = 0; r < runs; r++) {
            baseline.add(baselineInsert(devices));
            long t0 = System.nanoTime();
            Submitted s = actions.submit(new ActionSubmission(Action.REMOTE_LOCK,
                    DeviceFilter.group(BuiltInGroup.ALL_DEVICES.id()), Map.of(), "bench-" + seed + "-" + r, null),
                    new Actor("bench", "bench"));
            create.add(System.nanoTime() - t0);
            commands = s.request().deviceCount();
        }
        report("baseline: bare JDBC batch insert of " + devices + " rows, same width", baseline, null);
        report("create one remoteLock request for " + commands + " devices (select, decide, store, commit)",
                create, baseline);

        // Hand-out: every pending command of every run goes through the channel port once.
        AtomicLong handed = new AtomicLong();
        Map<ChannelKind, Channel> channels = new EnumMap<>(ChannelKind.class);
        for (ChannelKind kind : ChannelKind.values()) {
            channels.put(kind, new CountingChannel(kind, handed));
        }
        Wakeups wakeups = new Wakeups(storage.queue(), storage.transitions(), channels, Clock.systemUTC(), 1000,
                Duration.ofMinutes(5), Duration.ofSeconds(1), e -> { throw new IllegalStateException(e); });
        long t0 = System.nanoTime();
        wakeups.runOnce();
        long handNs = System.nanoTime() - t0;
        System.out.printf("| %s | hand out %,d due commands through the channel port (claim 1000, channel, done) "
                        + "| %.0f ms | %,.0f commands/s |%n", vendor, handed.get(), handNs / 1e6,
                handed.get() / (handNs / 1e9));
    }

    /**
     * The floor: the same number of rows of the command table's width, batch-inserted into a table
     * with only a primary key (time-ordered ids, as commands have) and committed. The gap to it is
     * what the engine adds: selecting the devices, the matrix, the secondary indexes, the request
     * row and the audit entry.
     */
    private long baselineInsert(int rows) throws SQLException {
        try (Connection c = storage.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_baseline");
                s.execute("CREATE TABLE bench_baseline (id UUID PRIMARY KEY, request_id UUID NOT NULL, "
                        + "seq INT NOT NULL, device_id UUID NOT NULL, channel VARCHAR(24), state VARCHAR(16) NOT NULL, "
                        + "detail VARCHAR(512), updated_at TIMESTAMP)");
            }
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            UUID request = Ids.timeOrdered();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_baseline VALUES (?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < rows; i++) {
                    p.setObject(1, Ids.timeOrdered());
                    p.setObject(2, request);
                    p.setInt(3, i);
                    p.setObject(4, UUID.randomUUID());
                    p.setString(5, "APPLE_MDM");
                    p.setString(6, "PENDING");
                    p.setString(7, "DeviceLock (optional message and phone number)");
                    p.setTimestamp(8, null);
                    p.addBatch();
                    if (i % 2000 == 1999) {
                        p.executeBatch();
                    }
                }
                p.executeBatch();
            }
            c.commit();
            long ns = System.nanoTime() - t0;
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_baseline");
            }
            return ns;
        }
    }

    private void report(String what, List<Long> ns, List<Long> baseline) {
        long med = median(ns);
        String ratio = baseline == null ? "" : String.format("%.2f× baseline", (double) med / median(baseline));
        System.out.printf("| %s | %s | median %.0f ms (n=%d, min %.0f, max %.0f) | %s |%n", vendor, what, med / 1e6,
                ns.size(), ns.stream().mapToLong(Long::longValue).min().orElse(0) / 1e6,
                ns.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6, ratio);
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A channel at the boundary that only counts: what the port costs without any protocol work. */
    private record CountingChannel(ChannelKind kind, AtomicLong handed) implements Channel {
        @Override
        public void commandsDue(List<Command> due) {
            handed.addAndGet(due.size());
        }
    }
}
