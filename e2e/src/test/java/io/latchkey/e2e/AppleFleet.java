package io.latchkey.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.simulator.apple.AppleModel;
import io.latchkey.simulator.apple.Behaviour;
import io.latchkey.simulator.apple.DeviceHttp;
import io.latchkey.simulator.apple.FleetSummary;
import io.latchkey.simulator.apple.SimulatedAppleDevice;
import io.latchkey.simulator.apple.SimulatedAppleFleet;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.PushCertificateStandIn;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated Apple devices enrolled against a packaged server and woken through a mock APNs the server
 * pushes to: what the fault tests run an action on. The devices share one RSA key pair
 * ({@link SimulatedAppleFleet#reuseDeviceKeys}) so that thousands enroll in minutes on two cores.
 */
final class AppleFleet {
    static final String TOPIC = "com.apple.mgmt.External.e2e-0000-0000";
    static final String LOCK_ALL =
            "{\"action\":\"remoteLock\",\"target\":{\"groupId\":\"all-devices\"},\"options\":{\"message\":\"e2e\"}}";
    private static final ObjectMapper JSON = new ObjectMapper();

    final SimulatedAppleFleet fleet;

    private AppleFleet(SimulatedAppleFleet fleet) {
        this.fleet = fleet;
    }

    /** The server flags that make it push to {@code apns}. */
    static List<String> apnsArgs(Path dir, MockApns apns) throws Exception {
        return List.of("--apple-mdm-topic", TOPIC, "--apple-apns-server", "localhost:" + apns.port(),
                "--apple-apns-certificate", PushCertificateStandIn.write(dir, TOPIC).toString(),
                "--apple-apns-certificate-password", PushCertificateStandIn.PASSWORD,
                "--apple-apns-trusted-certificate", apns.writeServerCertificatePem(dir.resolve("apns.pem")).toString());
    }

    /** {@code devices} devices of one user, enrolled, registered with {@code apns}, and polled once. */
    static AppleFleet enroll(ServerProcess server, MockApns apns, int devices, int concurrency) throws Exception {
        SimulatedAppleFleet.reuseDeviceKeys(true);
        String user = "faults@example.com";
        assertThat(server.post("/api/v1/import", null, "{\"users\":[{\"userPrincipalName\":\"" + user
                + "\",\"displayName\":\"Faults\"}]}").statusCode()).isLessThan(300);
        String userId = JSON.readTree(server.get("/api/v1/users?search=" + user).body())
                .get("items").get(0).get("id").asText();
        SimulatedAppleFleet fleet = new SimulatedAppleFleet(DeviceHttp.shared(), apns, 5);
        fleet.addMany(devices, List.of(AppleModel.IPHONE, AppleModel.IPAD, AppleModel.MAC), Behaviour.RELIABLE,
                i -> user);
        FleetSummary enrolled = fleet.enrollAll(u -> {
            try {
                String code = JSON.readTree(server.post("/api/v1/users/" + userId + "/enrollment-codes", null,
                        "{\"channel\":\"apple\"}").body()).get("code").asText();
                return URI.create(server.base + "/enroll/apple/profile?code=" + code);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, concurrency);
        assertThat(enrolled.enrolled()).as(enrolled.toString()).isEqualTo(devices);
        fleet.pollAll(concurrency); // the inventory question each device gets after enrolling
        return new AppleFleet(fleet);
    }

    List<SimulatedAppleDevice> devices() {
        return fleet.devices();
    }

    /** Each device's acknowledged commands so far, in fleet order. */
    List<Integer> acknowledged() {
        List<Integer> out = new ArrayList<>();
        for (SimulatedAppleDevice d : fleet.devices()) {
            out.add(d.status().acknowledged());
        }
        return out;
    }

    static String submitLock(ServerProcess server, String idempotencyKey) throws Exception {
        HttpResponse<String> answer = server.post("/api/v1/actions", idempotencyKey, LOCK_ALL);
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 201);
        return JSON.readTree(answer.body()).get("id").asText();
    }

    static JsonNode progress(ServerProcess server, String request) throws Exception {
        return JSON.readTree(server.get("/api/v1/actions/" + request).body()).get("progress");
    }

    static void awaitSucceeded(ServerProcess server, String request, int atLeast, Duration patience)
            throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        JsonNode progress = null;
        while (System.nanoTime() < deadline) {
            progress = progress(server, request);
            if (progress.get("succeeded").asInt() >= atLeast) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError("not " + atLeast + " succeeded within " + patience + ": " + progress);
    }
}
