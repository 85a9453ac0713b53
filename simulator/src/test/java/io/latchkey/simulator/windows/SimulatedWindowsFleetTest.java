package io.latchkey.simulator.windows;

import io.latchkey.simulator.push.MockWns;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A small Windows fleet enrolled against the fake server and woken through the mock WNS, end to end. */
class SimulatedWindowsFleetTest {

    @Test
    void enrolls_counts_failures_and_wakes_devices_through_wns() throws Exception {
        try (FakeWindowsServer server = new FakeWindowsServer(); MockWns wns = MockWns.start()) {
            SimulatedWindowsFleet fleet = new SimulatedWindowsFleet(WindowsDeviceHttp.shared(), wns, 2026);
            List<WindowsPersonality> all = List.of(WindowsPersonality.values());
            fleet.addMany(5, all, Behaviour.RELIABLE, i -> "user" + i + "@example.com");
            fleet.add("nobody@example.com", WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE);
            fleet.add("mallory@example.com", WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE);
            for (int i = 0; i < 5; i++) {
                server.passwords.put("user" + i + "@example.com", "token" + i);
            }

            WindowsFleetSummary enrolled = fleet.enrollAll(user -> {
                if (user.startsWith("nobody")) {
                    throw new IllegalStateException("no such user");
                }
                return server.discoveryUrl();
            }, user -> "token" + user.replaceAll("\\D", ""), 4);

            assertThat(enrolled.devices()).isEqualTo(7);
            assertThat(enrolled.enrolled()).isEqualTo(5);
            assertThat(enrolled.enrollFailures()).containsOnly(Map.entry(WindowsEnrollmentFailed.Stage.DISCOVERY, 1),
                    Map.entry(WindowsEnrollmentFailed.Stage.POLICY, 1));

            HttpClient client = HttpClient.newHttpClient();
            for (SimulatedWindowsFleet.Member m : fleet.members().subList(0, 5)) {
                SimulatedWindowsDevice d = m.device();
                server.enqueue(d.deviceId(), d.personality().isPhone() ? SyncMlCommands.PIN_RESET : SyncMlCommands.LOCK);
                URI channel = d.status().channelUri().orElseThrow();
                var r = client.send(HttpRequest.newBuilder(channel).header("Authorization", "Bearer x")
                        .header("X-WNS-Type", "wns/raw").header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).as(m.user()).isEqualTo(200);
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fleet.summary().sessions() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(100);
            WindowsFleetSummary after = fleet.summary();
            assertThat(after.sessions()).isEqualTo(5);
            assertThat(after.sessionFailures()).isZero();
            // Two phones reset their PIN; the Windows 11, 8.1 and RT 8.1 desktops lock (8.1s: the enrolled user is signed in).
            assertThat(after.pinsReset()).isEqualTo(2);
            assertThat(after.locked()).isEqualTo(5);
            assertThat(after.pushesReceived()).isEqualTo(5);
            assertThat(after.wakes()).isEqualTo(5);

            WindowsSessionSummary polled = fleet.sessionAll(3);
            assertThat(polled.sessions()).isEqualTo(5);
            assertThat(polled.failure()).isEmpty();
        }
    }
}
