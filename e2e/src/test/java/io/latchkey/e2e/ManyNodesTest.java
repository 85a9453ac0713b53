package io.latchkey.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.FleetSummary;
import io.latchkey.simulator.apple.SimulatedAppleFleet;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.PushCertificateStandIn;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three server processes on one PostgreSQL schema behind a round-robin TCP balancer, as the
 * deployment guide lays them out, with simulated Apple devices that enrolled through the balancer
 * and are woken through a mock APNs every node pushes to. An action created on one node reaches
 * every device through whichever node each device's connection lands on, each command handed out
 * and pushed once; then a node is killed (SIGKILL) in the middle of a second action and every
 * device still ends with that command succeeded exactly once.
 */
class ManyNodesTest {
    private static final int DEVICES = 240;
    private static final String TOPIC = "com.apple.mgmt.External.e2e-0000-0000";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void threeNodesOnOnePostgresqlLoseNothingWhenOneIsKilled() throws Exception {
        JdbcStorage.Settings pg = TestDatabases.postgres();
        List<ServerProcess> nodes = new ArrayList<>();
        try (MockApns apns = MockApns.start(); RoundRobinRelay balancer = RoundRobinRelay.start()) {
            List<String> args = List.of("--data-dir", tmp.resolve("data").toString(),
                    "--secret-key", Base64.getEncoder().encodeToString(new byte[32]),
                    "--database-url", pg.jdbcUrl(), "--database-user", pg.user(), "--database-password", pg.password(),
                    "--enrollment-rate-limit", "0", // 240 devices enroll through one balancer address
                    "--public-url", "http://127.0.0.1:" + balancer.port(),
                    "--apple-mdm-topic", TOPIC, "--apple-apns-server", "localhost:" + apns.port(),
                    "--apple-apns-certificate", PushCertificateStandIn.write(tmp, TOPIC).toString(),
                    "--apple-apns-certificate-password", PushCertificateStandIn.PASSWORD,
                    "--apple-apns-trusted-certificate", apns.writeServerCertificatePem(tmp.resolve("apns.pem")).toString(),
                    // a device whose connection died with its node is woken again by the nodes left
                    "--repush-after", "1m");
            for (int i = 1; i <= 3; i++) {
                // the first node migrates the schema and makes the device CA the others then share
                nodes.add(ServerProcess.start(java.nio.file.Files.createDirectories(tmp.resolve("node" + i)), args));
            }
            balancer.route(nodes.stream().map(n -> n.port).toList());

            SimulatedAppleFleet fleet = enrolledFleet(nodes, apns, balancer);
            long pushesBefore = apns.stats().received();

            // 1. An action created on node 1; the devices reach all three nodes.
            String first = submitLock(nodes.get(0), "many-nodes-1");
            awaitAllSucceeded(nodes.get(2), first, Duration.ofMinutes(2));
            assertThat(apns.stats().received() - pushesBefore).as("each device pushed once").isEqualTo(DEVICES);
            assertThat(eventsPerCommand(pg, first, "SENT")).as("each command handed out once").containsOnly(1);
            assertThat(eventsPerCommand(pg, first, "SUCCEEDED")).hasSize(DEVICES).containsOnly(1);
            for (ServerProcess node : nodes) {
                assertThat(balancer.connectionsTo(node.port)).as("connections node %s took", node.port).isPositive();
            }

            // 2. A second action from node 2; node 3 is killed once a third of the devices answered.
            String second = submitLock(nodes.get(1), "many-nodes-2");
            awaitSucceeded(nodes.get(0), second, DEVICES / 3, Duration.ofMinutes(2));
            nodes.get(2).kill();
            awaitAllSucceeded(nodes.get(0), second, Duration.ofMinutes(3));
            assertThat(eventsPerCommand(pg, second, "SUCCEEDED")).as("every device locked exactly once")
                    .hasSize(DEVICES).containsOnly(1);
            assertThat(commandsPerDevice(pg, second)).hasSize(DEVICES).containsOnly(1);
        } finally {
            nodes.forEach(ServerProcess::close);
        }
    }

    private SimulatedAppleFleet enrolledFleet(List<ServerProcess> nodes, MockApns apns, RoundRobinRelay balancer)
            throws Exception {
        String user = "nodes@example.com";
        assertThat(nodes.get(0).post("/api/v1/import", null, "{\"users\":[{\"userPrincipalName\":\"" + user
                + "\",\"displayName\":\"Many Nodes\"}]}").statusCode()).isLessThan(300);
        String userId = JSON.readTree(nodes.get(1).get("/api/v1/users?search=" + user).body())
                .get("items").get(0).get("id").asText();
        SimulatedAppleFleet fleet = new SimulatedAppleFleet(DeviceHttp.shared(), apns, 5);
        fleet.addMany(DEVICES, List.of(AppleModel.IPHONE, AppleModel.IPAD, AppleModel.MAC), Behaviour.RELIABLE, i -> user);
        AtomicInteger turn = new AtomicInteger();
        FleetSummary enrolled = fleet.enrollAll(u -> {
            try {
                ServerProcess issuer = nodes.get(turn.getAndIncrement() % nodes.size());
                String code = JSON.readTree(issuer.post("/api/v1/users/" + userId + "/enrollment-codes", null,
                        "{\"channel\":\"apple\"}").body()).get("code").asText();
                return URI.create("http://127.0.0.1:" + balancer.port() + "/enroll/apple/profile?code=" + code);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 16);
        assertThat(enrolled.enrolled()).as(enrolled.toString()).isEqualTo(DEVICES);
        fleet.pollAll(16); // the inventory question each device gets after enrolling
        return fleet;
    }

    private static String submitLock(ServerProcess node, String key) throws Exception {
        var answer = node.post("/api/v1/actions", key,
                "{\"action\":\"remoteLock\",\"target\":{\"groupId\":\"all-devices\"},\"options\":{\"message\":\"e2e\"}}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).get("id").asText();
    }

    private static void awaitAllSucceeded(ServerProcess node, String request, Duration patience) throws Exception {
        awaitSucceeded(node, request, DEVICES, patience);
    }

    private static void awaitSucceeded(ServerProcess node, String request, int atLeast, Duration patience)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode progress = null;
        while (System.nanoTime() < deadline) {
            progress = JSON.readTree(node.get("/api/v1/actions/" + request).body()).get("progress");
            if (progress.get("succeeded").asInt() >= atLeast) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("not " + atLeast + " succeeded within " + patience + ": " + progress);
    }

    /** For each command of the request, how many history rows moved it to {@code state}. */
    private static List<Integer> eventsPerCommand(JdbcStorage.Settings pg, String request, String state)
            throws Exception {
        return counts(pg, "SELECT COUNT(e.id) FROM command c LEFT JOIN command_event e ON e.command_id = c.id"
                + " AND e.to_state = ? WHERE c.request_id = ?::uuid GROUP BY c.id", state, request);
    }

    private static List<Integer> commandsPerDevice(JdbcStorage.Settings pg, String request) throws Exception {
        return counts(pg, "SELECT COUNT(*) FROM command WHERE request_id = ?::uuid GROUP BY device_id", request);
    }

    private static List<Integer> counts(JdbcStorage.Settings pg, String sql, String... params) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }
}
