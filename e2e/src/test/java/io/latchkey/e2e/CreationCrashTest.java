package io.latchkey.e2e;

import io.latchkey.bench.Fleet;
import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.inventory.Page;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged server with SIGKILL while it stores a 10,000-device action request, three
 * times, restarts it, retries each request with its idempotency key, and checks the database:
 * every request is whole (10,000 commands, no more, no less), none is duplicated, no command is
 * orphaned. On PostgreSQL the kill lands provably inside the storing transaction (the test waits
 * until the server's backend holds a transaction id); on the embedded database the kill moments are spread over the
 * request's duration.
 */
class CreationCrashTest {
    private static final int DEVICES = 10_000;
    private static final String LOCK_ALL = "{\"action\":\"remoteLock\",\"target\":{\"groupId\":\"all-devices\"}}";

    @TempDir
    Path tmp;

    @Test
    void embeddedSqlite() throws Exception {
        Path dataDir = tmp.resolve("data");
        int[] delaysMs = {0, 120, 400};
        run(TestDatabases.embedded(dataDir), List.of("--data-dir", dataDir.toString()),
                (round, settings) -> LockSupport.parkNanos(Duration.ofMillis(delaysMs[round]).toNanos()), false);
    }

    @Test
    void postgresql() throws Exception {
        JdbcStorage.Settings pg = TestDatabases.postgres();
        run(pg, List.of("--data-dir", tmp.resolve("data").toString(), "--secret-key",
                java.util.Base64.getEncoder().encodeToString(new byte[32]), "--database-url", pg.jdbcUrl(),
                "--database-user", pg.user(), "--database-password", pg.password()),
                (round, settings) -> awaitWritingTransaction(settings), true);
    }

    interface KillMoment {
        void await(int round, JdbcStorage.Settings settings) throws Exception;
    }

    private void run(JdbcStorage.Settings settings, List<String> serverArgs, KillMoment moment,
                     boolean killProvablyMidTransaction) throws Exception {
        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            storage.migrate();
            Fleet.store(storage.imports(), DEVICES, 11);
        }
        int rounds = 3;
        boolean[] confirmed = new boolean[rounds];
        for (int round = 0; round < rounds; round++) {
            ServerProcess server = ServerProcess.start(tmp, serverArgs);
            CompletableFuture<HttpResponse<String>> inFlight = server.postAsync("/api/v1/actions", "crash-" + round,
                    LOCK_ALL);
            moment.await(round, settings);
            server.kill();
            // Usually the connection dies unanswered; if the answer came first, the request was
            // confirmed to the administrator and must survive the kill.
            HttpResponse<String> answer = inFlight.handle((r, e) -> e == null ? r : null).get();
            confirmed[round] = answer != null && answer.statusCode() == 201;
        }
        List<Integer> statuses = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(tmp, serverArgs)) {
            for (int round = 0; round < rounds; round++) {
                HttpResponse<String> retry = server.post("/api/v1/actions", "crash-" + round, LOCK_ALL);
                assertThat(retry.statusCode()).as(retry.body()).isIn(200, 201);
                if (confirmed[round]) {
                    assertThat(retry.statusCode()).as("a request confirmed before the kill is still there")
                            .isEqualTo(200);
                }
                statuses.add(retry.statusCode());
            }
            // A second retry is always a replay.
            assertThat(server.post("/api/v1/actions", "crash-0", LOCK_ALL).statusCode()).isEqualTo(200);
        }
        if (killProvablyMidTransaction) {
            assertThat(statuses).as("every kill landed inside the storing transaction, so every retry created")
                    .containsOnly(201);
        }

        try (JdbcStorage storage = JdbcStorage.open(settings)) {
            Page<ActionRequest> page = storage.requests().page(null, 100);
            assertThat(page.items()).hasSize(rounds);
            assertThat(page.items()).extracting(ActionRequest::idempotencyKey)
                    .containsExactlyInAnyOrder("crash-0", "crash-1", "crash-2");
            for (ActionRequest r : page.items()) {
                assertThat(r.deviceCount()).isEqualTo(DEVICES);
                Map<CommandState, Long> counts = storage.history().countByState(r.id());
                assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(DEVICES);
            }
            try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM command")).isEqualTo((long) rounds * DEVICES);
                assertThat(count(s, "SELECT COUNT(*) FROM (SELECT request_id, device_id FROM command "
                        + "GROUP BY request_id, device_id HAVING COUNT(*) > 1) d")).isZero();
                assertThat(count(s, "SELECT COUNT(*) FROM command c WHERE NOT EXISTS "
                        + "(SELECT 1 FROM action_request r WHERE r.id = c.request_id)")).isZero();
            }
        }
    }

    /** Waits until a backend other than ours holds a transaction id: the server is writing the request. */
    private static void awaitWritingTransaction(JdbcStorage.Settings settings) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (Connection c = java.sql.DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                settings.password()); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                if (count(s, "SELECT COUNT(*) FROM pg_stat_activity WHERE backend_xid IS NOT NULL"
                        + " AND datname = current_database() AND pid <> pg_backend_pid()") > 0) {
                    return;
                }
            }
        }
        throw new AssertionError("the server never opened a writing transaction");
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
