package io.latchkey.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.SignedRequest;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.apple.SimulatedAppleFleet;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.store.jdbc.JdbcStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Idle check-in with nothing due is answered from one store read (the identity, its device and
 * "anything open?"), or from the node's memory of that read (CheckInCache); these tests prove neither
 * hides a command. A lock is stored through the API of one node and, at once (no push: the servers
 * have no APNs, so nothing else brings the devices back), each device checks in Idle. On the same
 * node (the embedded database) it must get its DeviceLock in that very answer. At another node
 * (PostgreSQL) an answer given before that node heard the other's notification may be empty, the
 * notification gap that node closes with a second push (ClusterChangesTest); here the device asks
 * again and must get the lock within seconds.
 */
class IdleCheckInDeliveryTest {
    private static final String TOKEN = "lk_idle-delivery-token-0123456789";
    private static final String PROXY_HEADER = "X-Client-Cert";
    private static final int DEVICES = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void onTheEmbeddedDatabaseACommandStoredJustBeforeAnIdleCheckInIsInItsAnswer() throws Exception {
        try (App node = App.open(settings(tmp.resolve("data"), Map.of()))) {
            String base = serve(node);
            checkInsSeeCommandsStoredJustBefore(base, base, true);
        }
    }

    @Test
    void onPostgresqlACommandStoredOnOneNodeIsInTheAnswerOfAnotherNode() throws Exception {
        JdbcStorage.Settings pg = TestDatabases.postgres();
        Map<Option, String> database = Map.of(Option.DATABASE_URL, pg.jdbcUrl(), Option.DATABASE_USER, pg.user(),
                Option.DATABASE_PASSWORD, pg.password(),
                Option.SECRET_KEY, Base64.getEncoder().encodeToString(new byte[32]));
        // One data directory, as the deployment guide's nodes share the device CA.
        try (App first = App.open(settings(tmp.resolve("data"), database));
             App second = App.open(settings(tmp.resolve("data"), database))) {
            String a = serve(first);
            String b = serve(second);
            checkInsSeeCommandsStoredJustBefore(a, b, false);
        }
    }

    /** Devices enroll through {@code storing}; the locks are stored there and checked in for at {@code answering}. */
    private void checkInsSeeCommandsStoredJustBefore(String storing, String answering, boolean sameNode)
            throws Exception {
        String user = "idle@example.com";
        post(storing, "/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"" + user + "\",\"displayName\":\"Idle\"}]}");
        String userId = JSON.readTree(get(storing, "/api/v1/users?search=" + user)).get("items").get(0).get("id").asText();
        try (MockApns apns = MockApns.start()) {
            SimulatedAppleFleet fleet = new SimulatedAppleFleet(DeviceHttp.behindProxy(PROXY_HEADER), apns, 5);
            fleet.addMany(DEVICES, List.of(AppleModel.IPHONE, AppleModel.IPAD), Behaviour.RELIABLE, i -> user);
            var enrolled = fleet.enrollAll(u -> {
                try {
                    String code = JSON.readTree(post(storing, "/api/v1/users/" + userId + "/enrollment-codes",
                            "{\"channel\":\"apple\"}")).get("code").asText();
                    return URI.create(storing + "/enroll/apple/profile?code=" + code);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 4);
            assertThat(enrolled.enrolled()).as(enrolled.toString()).isEqualTo(DEVICES);
            fleet.pollAll(4); // the inventory question after enrolling

            List<SignedRequest> idles = new ArrayList<>();
            for (SimulatedAppleDevice d : fleet.devices()) {
                idles.add(d.idleReport().orElseThrow());
            }
            for (int twice = 0; twice < 2; twice++) {
                for (SignedRequest idle : idles) {
                    assertThat(idleAt(answering, idle)).as("nothing due yet").isEmpty();
                }
            }
            // The second round was answered from memory: what follows tests the cache, not only the store.
            assertThat(answeredFromMemory(answering)).isGreaterThanOrEqualTo(DEVICES);
            // Twice: a lock, then another right behind it, each checked for at once.
            for (int round = 1; round <= 2; round++) {
                post(storing, "/api/v1/actions", "{\"action\":\"remoteLock\",\"target\":{\"groupId\":\"all-devices\"},"
                        + "\"options\":{\"message\":\"round " + round + "\"}}");
                int inTheGap = 0;
                for (SignedRequest idle : idles) {
                    String answer = idleAt(answering, idle);
                    if (!sameNode && answer.isEmpty()) {
                        inTheGap++;
                        answer = idleUntilDue(answering, idle);
                    }
                    assertThat(answer).as("round %d", round).contains("DeviceLock").contains("round " + round);
                    // Sent but not answered: still due, so the next Idle gets it again.
                    assertThat(idleAt(answering, idle)).contains("DeviceLock");
                }
                System.out.println("IdleCheckInDeliveryTest: round " + round + ", " + inTheGap + " of " + DEVICES
                        + " answered in the notification gap");
                for (SimulatedAppleDevice d : fleet.devices()) {
                    d.poll(); // the devices answer (Acknowledged), so the next round starts from nothing due
                }
                for (SignedRequest idle : idles) {
                    assertThat(idleAt(answering, idle)).as("all answered after round %d", round).isEmpty();
                }
            }
        }
    }

    /** The node's count of Idle reports answered from memory, from its Prometheus endpoint. */
    private static double answeredFromMemory(String base) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("latchkey_checkin_cache_answers_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no latchkey_checkin_cache_answers_total in /metrics"));
    }

    /** Asks again every 20 ms for up to 10 s until the answer is not empty. */
    private static String idleUntilDue(String base, SignedRequest idle) throws Exception {
        long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        String answer = idleAt(base, idle);
        while (answer.isEmpty() && System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(20).toNanos());
            answer = idleAt(base, idle);
        }
        return answer;
    }

    /** The body of the answer to this Idle report sent to {@code base}; empty when nothing is due. */
    private static String idleAt(String base, SignedRequest idle) throws Exception {
        URI url = URI.create(base + idle.url().getRawPath());
        HttpRequest.Builder b = HttpRequest.newBuilder(url).header("Content-Type", idle.contentType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(idle.body()));
        idle.identityHeaders().forEach(b::header);
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static Settings settings(Path dataDir, Map<Option, String> more) {
        Map<Option, String> options = new EnumMap<>(Option.class);
        options.put(Option.PORT, "0");
        options.put(Option.BIND, "127.0.0.1");
        options.put(Option.DATA_DIR, dataDir.toString());
        options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
        options.put(Option.APPLE_MDM_TOPIC, "com.apple.mgmt.External.idle-0000");
        options.put(Option.APPLE_IDENTITY_HEADER, PROXY_HEADER);
        options.put(Option.APPLE_IDENTITY_PROXIES, "127.0.0.1/32");
        options.putAll(more);
        return SettingsLoader.load(options, null, Map.of());
    }

    private static String serve(App app) {
        app.bootstrap("admin", null, TOKEN);
        return "http://127.0.0.1:" + app.serve();
    }

    private static String get(String base, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static String post(String base, String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return r.body();
    }
}
