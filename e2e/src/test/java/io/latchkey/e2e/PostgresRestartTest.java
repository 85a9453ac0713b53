package io.latchkey.e2e;

import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarted while devices are mid-action, on a cluster of the test's own: the packaged
 * server's {@code /readyz} goes false while the database is down and true once it is back (the test
 * polls it and prints the transitions), the action completes, and every device has exactly one lock
 * command, moved to succeeded exactly once.
 */
class PostgresRestartTest {
    private static final int DEVICES = 90;

    @TempDir
    Path tmp;

    @Test
    void readyzFollowsTheDatabaseAndTheActionCompletesWithNothingLostOrDoubled() throws Exception {
        try (PrivatePostgres pg = PrivatePostgres.start(); MockApns apns = MockApns.start()) {
            JdbcStorage.Settings db = pg.settings();
            List<String> args = new ArrayList<>(List.of("--data-dir", tmp.resolve("data").toString(),
                    "--secret-key", Base64.getEncoder().encodeToString(new byte[32]),
                    "--database-url", db.jdbcUrl(), "--database-user", db.user(), "--database-password", db.password(),
                    // a device whose session failed while the database was down is woken again
                    "--repush-after", "1m"));
            args.addAll(AppleFleet.apnsArgs(tmp, apns));
            try (ServerProcess server = ServerProcess.start(tmp, args)) {
                AppleFleet fleet = AppleFleet.enroll(server, apns, DEVICES, 8);
                // Half the fleet is offline until the database is back, so the stop falls mid-action whatever the
                // machine's speed; the online half is slow, so some of its sessions are open when the database goes.
                List<SimulatedAppleDevice> heldBack = fleet.devices().subList(DEVICES / 2, DEVICES);
                for (SimulatedAppleDevice d : fleet.devices()) {
                    d.behaviour(Behaviour.RELIABLE.withLatency(Duration.ofMillis(150)));
                }
                for (SimulatedAppleDevice d : heldBack) {
                    d.behaviour(d.behaviour().withOnline(false));
                }
                List<Integer> before = fleet.acknowledged();
                String request = AppleFleet.submitLock(server, "pg-restart-1");
                AppleFleet.awaitSucceeded(server, request, DEVICES / 5, Duration.ofMinutes(2));
                int atStop = AppleFleet.progress(server, request).get("succeeded").asInt();

                long t0 = System.nanoTime();
                List<String> readyz = new ArrayList<>();
                pg.stopServer();
                readyz.add(ms(t0) + " ms: PostgreSQL stopped");
                awaitReadyz(server, 503, t0, readyz);
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
                pg.startServer();
                readyz.add(ms(t0) + " ms: PostgreSQL started");
                awaitReadyz(server, 200, t0, readyz);
                System.out.println("PostgresRestartTest /readyz: " + readyz + " (" + atStop + "/" + DEVICES
                        + " locked at the stop)");
                assertThat(atStop).as("stopped mid-action").isLessThanOrEqualTo(DEVICES / 2);

                // The held-back devices come online: APNs delivers the notification it stored for each while it
                // was unreachable (Apple, Local and Remote Notification Programming Guide, "Quality of Service, Store-and-Forward, and
                // Coalesced Notifications": the last one per device is kept).
                for (SimulatedAppleDevice d : heldBack) {
                    d.behaviour(d.behaviour().withOnline(true));
                    d.wake();
                }
                AppleFleet.awaitSucceeded(server, request, DEVICES, Duration.ofMinutes(4));
                List<Integer> after = fleet.acknowledged();
                for (int i = 0; i < DEVICES; i++) {
                    assertThat(after.get(i) - before.get(i)).as("device %s acknowledged the lock", i).isPositive();
                }
                assertThat(server.terminate(Duration.ofSeconds(60))).isZero();
                assertThat(counts(db, "SELECT COUNT(*) FROM command WHERE request_id = ?::uuid GROUP BY device_id",
                        request)).as("one lock command per device").hasSize(DEVICES).containsOnly(1);
                assertThat(counts(db, "SELECT COUNT(e.id) FROM command c LEFT JOIN command_event e ON e.command_id ="
                        + " c.id AND e.to_state = 'SUCCEEDED' WHERE c.request_id = ?::uuid GROUP BY c.id", request))
                        .as("each succeeded exactly once").hasSize(DEVICES).containsOnly(1);
            }
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Polls /readyz every 100 ms until it answers {@code status}, noting each change of answer. */
    private static void awaitReadyz(ServerProcess server, int status, long t0, List<String> log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        int last = -2;
        while (System.nanoTime() < deadline) {
            int now;
            try {
                now = server.get("/readyz").statusCode();
            } catch (java.io.IOException e) {
                now = -1;
            }
            if (now != last) {
                log.add(ms(t0) + " ms: /readyz " + now);
                last = now;
            }
            if (now == status) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("/readyz never answered " + status + ": " + log);
    }

    static List<Integer> counts(JdbcStorage.Settings db, String sql, String param) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, param);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }
}
