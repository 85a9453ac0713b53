package io.latchkey.simulator.apple;

import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A device against {@link FakeMdmServer}: enrollment, sessions and what they leave behind, over real HTTP. */
class SimulatedAppleDeviceTest {

    private FakeMdmServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeMdmServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void an_iphone_enrolls_scep_then_authenticate_then_token_update_all_signed_by_its_identity() throws Exception {
        SimulatedAppleDevice d = new SimulatedAppleDevice(AppleModel.IPHONE, 42);
        d.enroll(server.profileUrl());

        X509Certificate identity = d.identityCertificate().orElseThrow();
        identity.verify(server.ca.certificate.getPublicKey());
        assertThat(identity.getSubjectX500Principal().getName()).isEqualTo("CN=alice@example.com,O=Latchkey tests");
        assertThat(d.status().enrolled()).isTrue();

        assertThat(server.checkins).hasSize(2);
        FakeMdmServer.Recorded auth = server.checkins.get(0);
        FakeMdmServer.Recorded token = server.checkins.get(1);
        for (FakeMdmServer.Recorded r : server.checkins) {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).isEqualTo("/mdm/checkin");
            assertThat(r.contentType()).isEqualTo("application/x-apple-aspen-mdm-checkin");
            assertThat(r.signer()).as("Mdm-Signature verifies over the body").isEqualTo(identity);
            assertThat(Plists.string(r.plist(), "UDID")).contains(d.udid());
            assertThat(Plists.string(r.plist(), "Topic")).contains(server.topic);
        }
        assertThat(Plists.string(auth.plist(), "MessageType")).contains("Authenticate");
        assertThat(Plists.string(auth.plist(), "ProductName")).contains("iPhone15,2");
        assertThat(Plists.string(auth.plist(), "Model")).contains("MQ9T3LL/A");
        assertThat(Plists.string(auth.plist(), "OSVersion")).contains("17.5.1");
        assertThat(Plists.string(auth.plist(), "SerialNumber")).contains(d.serialNumber());
        assertThat(d.udid()).matches("00008120-[0-9A-F]{16}");

        assertThat(Plists.string(token.plist(), "MessageType")).contains("TokenUpdate");
        assertThat(Plists.data(token.plist(), "Token").orElseThrow()).isEqualTo(d.pushToken()).hasSize(32);
        assertThat(Plists.string(token.plist(), "PushMagic")).contains(d.pushMagic());
        assertThat(Plists.data(token.plist(), "UnlockToken").orElseThrow()).isEqualTo(d.unlockToken().orElseThrow());
    }

    @Test
    void a_mac_sends_no_unlock_token_and_a_uuid_udid() throws Exception {
        server.signProfile = true;
        SimulatedAppleDevice mac = new SimulatedAppleDevice(AppleModel.MAC, 3);
        mac.enroll(server.profileUrl());

        assertThat(mac.profile().orElseThrow().signed()).isTrue();
        assertThat(mac.udid()).matches("[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}");
        NSDictionary token = server.checkins.get(1).plist();
        assertThat(token.containsKey("UnlockToken")).isFalse();
        assertThat(mac.unlockToken()).isEmpty();
        assertThat(Plists.string(server.checkins.get(0).plist(), "ProductName")).contains("Mac14,2");
    }

    @Test
    void the_same_seed_makes_the_same_device() {
        SimulatedAppleDevice a = new SimulatedAppleDevice(AppleModel.IPAD, 99);
        SimulatedAppleDevice b = new SimulatedAppleDevice(AppleModel.IPAD, 99);
        assertThat(a.udid()).isEqualTo(b.udid());
        assertThat(a.serialNumber()).isEqualTo(b.serialNumber()).hasSize(10);
        assertThat(a.pushToken()).isEqualTo(b.pushToken());
        assertThat(a.pushMagic()).isEqualTo(b.pushMagic());
        assertThat(new SimulatedAppleDevice(AppleModel.IPAD, 100).udid()).isNotEqualTo(a.udid());
    }

    @Test
    void a_refused_challenge_fails_enrollment_at_scep() {
        SimulatedAppleDevice d = new SimulatedAppleDevice(AppleModel.IPHONE, 5);
        assertThatThrownBy(() -> d.enroll(server.profileUrl("never-issued")))
                .isInstanceOfSatisfying(EnrollmentFailed.class, e -> assertThat(e.stage())
                        .isEqualTo(EnrollmentFailed.Stage.SCEP))
                .hasMessageContaining("failInfo 2");
        assertThat(d.status().enrolled()).isFalse();
        assertThat(server.checkins).isEmpty();

        assertThatThrownBy(() -> d.enroll(server.base().resolve("/nothing-here")))
                .isInstanceOfSatisfying(EnrollmentFailed.class, e -> assertThat(e.stage())
                        .isEqualTo(EnrollmentFailed.Stage.PROFILE));
    }

    @Test
    void a_session_starts_idle_answers_each_command_and_ends_on_an_empty_reply() throws Exception {
        SimulatedAppleDevice d = enrolled(AppleModel.IPHONE, 1);
        String lock = server.enqueue(d.udid(), "DeviceLock", Map.of("Message", "Call IT"));
        String clear = server.enqueue(d.udid(), "ClearPasscode",
                Map.of("UnlockToken", new NSData(d.unlockToken().orElseThrow())));

        PollSummary s = d.poll();

        assertThat(s.requestTypes()).containsExactly("DeviceLock", "ClearPasscode");
        assertThat(s.acknowledged()).isEqualTo(2);
        assertThat(s.failure()).isEmpty();
        assertThat(server.reports).hasSize(3);
        assertThat(Plists.string(server.reports.get(0).plist(), "Status")).contains("Idle");
        assertThat(server.reports.get(0).plist().containsKey("CommandUUID")).isFalse();
        NSDictionary lockReport = server.reportsFor(lock).getFirst().plist();
        assertThat(Plists.string(lockReport, "MessageResult")).contains("Success");
        assertThat(Plists.string(server.reportsFor(clear).getFirst().plist(), "Status")).contains("Acknowledged");
        for (FakeMdmServer.Recorded r : server.reports) {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).isEqualTo("/mdm/connect");
            assertThat(r.contentType()).isEqualTo("application/x-apple-aspen-mdm; charset=UTF-8");
            assertThat(r.signer()).isEqualTo(d.identityCertificate().orElseThrow());
        }
        assertThat(d.status().locked()).isTrue();
        assertThat(d.status().passcodeCleared()).isTrue();
        assertThat(server.queued()).isZero();
    }

    @Test
    void a_command_put_off_with_not_now_is_executed_when_the_device_comes_back() throws Exception {
        SimulatedAppleDevice d = enrolled(AppleModel.IPHONE, 2);
        d.behaviour(Behaviour.RELIABLE.withNotNowRate(1.0));
        String lock = server.enqueue(d.udid(), "DeviceLock", Map.of());

        PollSummary s = d.wake();

        assertThat(s.sessions()).isEqualTo(2);
        assertThat(s.notNow()).isEqualTo(1);
        assertThat(s.acknowledged()).isEqualTo(1);
        assertThat(server.reportsFor(lock)).extracting(r -> Plists.string(r.plist(), "Status").orElseThrow())
                .containsExactly("NotNow", "Acknowledged");
        assertThat(d.status().locked()).isTrue();
    }

    @Test
    void after_erase_the_device_answers_nothing_more() throws Exception {
        SimulatedAppleDevice d = enrolled(AppleModel.IPHONE, 3);
        server.enqueue(d.udid(), "EraseDevice", Map.of());
        server.enqueue(d.udid(), "DeviceLock", Map.of());

        PollSummary s = d.poll();

        assertThat(s.requestTypes()).containsExactly("EraseDevice");
        assertThat(d.status().erased()).isTrue();
        assertThat(d.status().enrolled()).isFalse();
        int reports = server.reports.size();
        assertThat(d.poll().sessions()).isZero();
        assertThat(server.reports).hasSize(reports);
        assertThat(server.queued()).isEqualTo(1);
    }

    @Test
    void removing_the_mdm_profile_checks_out_and_unenrolls() throws Exception {
        SimulatedAppleDevice d = enrolled(AppleModel.MAC, 4);
        server.enqueue(d.udid(), "RemoveProfile", Map.of("Identifier", server.profileIdentifier));

        d.poll();

        assertThat(server.checkins).hasSize(3);
        FakeMdmServer.Recorded checkOut = server.checkins.get(2);
        assertThat(Plists.string(checkOut.plist(), "MessageType")).contains("CheckOut");
        assertThat(Plists.string(checkOut.plist(), "UDID")).contains(d.udid());
        assertThat(checkOut.signer()).isNotNull();
        assertThat(d.status().checkedOut()).isTrue();
        assertThat(d.status().enrolled()).isFalse();

        // It may enroll again, with a new PushMagic.
        String oldMagic = Plists.string(server.checkins.get(1).plist(), "PushMagic").orElseThrow();
        d.enroll(server.profileUrl());
        assertThat(d.pushMagic()).isNotEqualTo(oldMagic);
        assertThat(Plists.string(server.checkins.get(4).plist(), "PushMagic")).contains(d.pushMagic());
    }

    @Test
    void a_result_the_server_refused_is_sent_again_first_in_the_next_session() throws Exception {
        SimulatedAppleDevice d = enrolled(AppleModel.IPHONE, 6);
        String lock = server.enqueue(d.udid(), "DeviceLock", Map.of());
        server.refuseResultsOf(lock, 1);

        PollSummary broken = d.poll();
        assertThat(broken.failure()).hasValueSatisfying(f -> assertThat(f).contains("503"));
        assertThat(d.status().failures()).isEqualTo(1);
        assertThat(d.status().locked()).as("the device locked; only its result was lost").isTrue();

        int before = server.reports.size();
        PollSummary retried = d.poll();
        assertThat(retried.failure()).isEmpty();
        assertThat(Plists.string(server.reports.get(before).plist(), "CommandUUID"))
                .as("the cached result goes first, not Idle").contains(lock);
        assertThat(server.reportsFor(lock)).extracting(r -> Plists.string(r.plist(), "Status").orElseThrow())
                .containsExactly("Acknowledged", "Acknowledged");
        assertThat(server.queued()).isZero();
    }

    @Test
    void an_offline_device_polls_nothing() throws Exception {
        SimulatedAppleDevice d = enrolled(AppleModel.IPAD, 8);
        server.enqueue(d.udid(), "DeviceLock", Map.of());
        d.behaviour(Behaviour.RELIABLE.withOnline(false));
        int before = server.reports.size();

        assertThat(d.poll()).isEqualTo(PollSummary.NONE);
        assertThat(server.reports).hasSize(before);

        d.behaviour(Behaviour.RELIABLE.withLatency(Duration.ofMillis(20)));
        assertThat(d.poll().acknowledged()).isEqualTo(1);
    }

    private SimulatedAppleDevice enrolled(AppleModel model, long seed) {
        SimulatedAppleDevice d = new SimulatedAppleDevice(model, seed);
        d.enroll(server.profileUrl());
        return d;
    }
}
