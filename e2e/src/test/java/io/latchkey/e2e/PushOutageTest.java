package io.latchkey.e2e;

import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.PushFaults.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * APNs goes down (every push answered 503) just as an action starts: the packaged server's circuit
 * breaker opens and stays open through failed probes, nothing is delivered and nothing given up;
 * when APNs returns, every device is pushed once, and acknowledges the lock once.
 */
class PushOutageTest {
    private static final int DEVICES = 40;

    @TempDir
    Path tmp;

    @Test
    void anApnsOutageOpensTheBreakerAndEveryDeviceIsLockedOnceWhenApnsReturns() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (MockApns apns = MockApns.start()) {
            List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(),
                    "--push-breaker-failures", "5", "--push-breaker-cooldown", "1s"));
            args.addAll(AppleFleet.apnsArgs(tmp, apns));
            String request;
            try (ServerProcess server = ServerProcess.start(tmp, args)) {
                AppleFleet fleet = AppleFleet.enroll(server, apns, DEVICES, 8);
                List<Integer> before = fleet.acknowledged();

                apns.faults().failFor(Duration.ofHours(1), Fault.UNAVAILABLE);
                long acceptedBefore = apns.stats().accepted();
                request = AppleFleet.submitLock(server, "outage-1");
                awaitMetric(server, "latchkey_push_breaker_state{service=\"apns\"", v -> v == 1.0);
                // Stays open through at least one failed probe: the outage outlasts a cool-down.
                awaitMetric(server, "latchkey_push_breaker_openings_total{service=\"apns\"", v -> v >= 2.0);
                assertThat(AppleFleet.progress(server, request).get("succeeded").asInt()).isZero();
                assertThat(apns.stats().accepted()).isEqualTo(acceptedBefore);

                apns.faults().clear();
                AppleFleet.awaitSucceeded(server, request, DEVICES, Duration.ofMinutes(2));
                assertThat(apns.stats().accepted() - acceptedBefore).as("each device pushed once after the outage")
                        .isEqualTo(DEVICES);
                awaitMetric(server, "latchkey_push_breaker_state{service=\"apns\"", v -> v == 0.0);
                List<Integer> after = fleet.acknowledged();
                for (int i = 0; i < DEVICES; i++) {
                    assertThat(after.get(i) - before.get(i)).as("device %s acknowledged the lock once", i).isEqualTo(1);
                }
                assertThat(server.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isZero();
            }
            try (Connection c = DriverManager.getConnection(TestDatabases.embedded(dataDir).jdbcUrl(), "sa", "");
                 Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM command WHERE request_id = '" + request + "'"))
                        .isEqualTo(DEVICES);
                assertThat(count(s, "SELECT COUNT(*) FROM command_event e JOIN command c ON c.id = e.command_id"
                        + " WHERE c.request_id = '" + request + "' AND e.to_state = 'SUCCEEDED'")).isEqualTo(DEVICES);
            }
        }
    }

    /** Polls /metrics until the sample starting with {@code series} satisfies {@code test}. */
    static void awaitMetric(ServerProcess server, String series, DoublePredicate test) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String last = "(absent)";
        while (System.nanoTime() < deadline) {
            for (String line : server.get("/metrics").body().split("\n")) {
                if (line.startsWith(series)) {
                    last = line;
                    if (test.test(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))) {
                        return;
                    }
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new AssertionError("metric never reached the expected value; last: " + last);
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
