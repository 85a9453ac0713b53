package io.latchkey.simulator.apple;

import com.eatthepath.pushy.apns.ApnsClient;
import io.latchkey.simulator.push.MockApns;
import io.latchkey.simulator.push.TestApnsClients;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A small fleet enrolled against the fake server and woken through the mock APNs by Pushy, end to end. */
class SimulatedAppleFleetTest {

    @Test
    void pushes_wake_enrolled_devices_which_fetch_and_answer_their_commands() throws Exception {
        try (FakeMdmServer server = new FakeMdmServer(); MockApns apns = MockApns.start()) {
            SimulatedAppleFleet fleet = new SimulatedAppleFleet(DeviceHttp.shared(), apns, 2024);
            fleet.addMany(4, List.of(AppleModel.IPHONE, AppleModel.IPAD, AppleModel.MAC), Behaviour.RELIABLE,
                    i -> "user" + i + "@example.com");
            fleet.add("nobody@example.com", AppleModel.IPHONE, Behaviour.RELIABLE);

            FleetSummary enrolled = fleet.enrollAll(user -> {
                if (user.startsWith("nobody")) {
                    throw new IllegalStateException("no such user");
                }
                return server.profileUrl();
            }, 4);

            assertThat(enrolled.devices()).isEqualTo(5);
            assertThat(enrolled.enrolled()).isEqualTo(4);
            assertThat(enrolled.enrollFailures()).containsExactly(Map.entry(EnrollmentFailed.Stage.PROFILE, 1));

            ApnsClient client = TestApnsClients.client(apns);
            try {
                for (SimulatedAppleFleet.Member m : fleet.members().subList(0, 4)) {
                    SimulatedAppleDevice d = m.device();
                    server.enqueue(d.udid(), "DeviceLock", d.model().isMac() ? Map.of("PIN", "246810") : Map.of());
                    var r = TestApnsClients.push(client, d.pushToken(), "{\"mdm\":\"" + d.pushMagic() + "\"}");
                    assertThat(r.isAccepted()).as(m.user()).isTrue();
                }
                // The device that never enrolled never registered: APNs says its token is gone.
                SimulatedAppleDevice stranger = fleet.members().get(4).device();
                assertThat(TestApnsClients.push(client, stranger.pushToken(), "{\"mdm\":\"x\"}").getRejectionReason())
                        .contains("Unregistered");
            } finally {
                TestApnsClients.close(client);
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            // A device counts a command when it answers; the server dequeues it when the result arrives.
            while ((fleet.summary().acknowledged() < 4 || server.queued() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            FleetSummary after = fleet.summary();
            assertThat(after.acknowledged()).isEqualTo(4);
            assertThat(after.locked()).isEqualTo(4);
            assertThat(after.pushesReceived()).isEqualTo(5);
            assertThat(after.wakes()).isGreaterThanOrEqualTo(4);
            assertThat(after.sessionFailures()).as(fleet.devices().stream().map(d -> d.status().lastFailure())
                    .toList().toString()).isZero();
            assertThat(server.queued()).isZero();
            assertThat(fleet.members().get(2).device().status().lastPin()).contains("246810");
        }
    }

    @Test
    void poll_all_runs_one_session_on_each_device() throws Exception {
        try (FakeMdmServer server = new FakeMdmServer()) {
            SimulatedAppleFleet fleet = new SimulatedAppleFleet(DeviceHttp.shared(), null, 1);
            fleet.addMany(3, List.of(AppleModel.IPHONE), Behaviour.RELIABLE, i -> "u" + i);
            fleet.enrollAll(user -> server.profileUrl(), 3);
            fleet.devices().forEach(d -> server.enqueue(d.udid(), "DeviceInformation", Map.of()));

            PollSummary s = fleet.pollAll(2);

            assertThat(s.sessions()).isEqualTo(3);
            assertThat(s.requestTypes()).containsExactly("DeviceInformation", "DeviceInformation", "DeviceInformation");
            assertThat(fleet.summary().pushesReceived()).isZero();
        }
    }
}
