package io.latchkey.simulator.windows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.List;
import java.util.Map;

import static io.latchkey.simulator.windows.SyncMlCommands.GET_DEVINFO;
import static io.latchkey.simulator.windows.SyncMlCommands.LOCK;
import static io.latchkey.simulator.windows.SyncMlCommands.PIN_RESET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Simulated Windows devices enrolled in the fake server, answering Lock, PIN reset, Gets, wipe and unenroll. */
class SimulatedWindowsDeviceTest {

    private static final String USER = "ada@example.com";
    private static final String PASSWORD = "enrollment-token";
    private static FakeWindowsServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new FakeWindowsServer();
        server.passwords.put(USER, PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SimulatedWindowsDevice enrolled(WindowsPersonality p, Behaviour b, long seed) {
        SimulatedWindowsDevice d = new SimulatedWindowsDevice(p, b, seed, WindowsDeviceHttp.shared());
        d.enroll(server.discoveryUrl(), USER, PASSWORD);
        return d;
    }

    /** The device's answer to the server's commands: its second message of the last session. */
    private static Element answer(SimulatedWindowsDevice d) {
        List<Element> m = server.messagesFrom(d.deviceId());
        return m.stream().filter(x -> Xml.path(x, "SyncHdr", "MsgID").map(Xml::text).orElse("").equals("2"))
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void enrollment_installs_the_provisioning_document() {
        SimulatedWindowsDevice d = enrolled(WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE, 1);
        ProvisioningDoc doc = d.provisioning().orElseThrow();
        assertThat(doc.providerId()).isEqualTo(FakeWindowsServer.PROVIDER_ID);
        assertThat(doc.managementUrl()).isEqualTo(server.base().resolve("/ManagementServer/MDM.svc"));
        assertThat(doc.caCertificate()).isEqualTo(server.ca);
        assertThat(doc.deviceCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=" + d.deviceId());
        assertThat(doc.pollValue("NumberOfFirstRetries")).contains(8);
        assertThat(doc.pollValue("IntervalForRemainingScheduledRetries")).contains(1560);
        assertThat(d.status().enrolled()).isTrue();
        assertThatThrownBy(() -> d.enroll(server.discoveryUrl(), USER, PASSWORD)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_wrong_password_fails_at_the_policy_step_with_the_soap_fault() {
        SimulatedWindowsDevice d = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_11_DESKTOP, 2);
        assertThatThrownBy(() -> d.enroll(server.discoveryUrl(), USER, "wrong"))
                .isInstanceOfSatisfying(WindowsEnrollmentFailed.class,
                        e -> assertThat(e.stage()).isEqualTo(WindowsEnrollmentFailed.Stage.POLICY))
                .hasMessageContaining("s:authentication");
        assertThat(d.status().enrolled()).isFalse();
    }

    @Test
    void a_phone_locks_resets_its_pin_and_returns_it_and_reports_devinfo() {
        SimulatedWindowsDevice phone = enrolled(WindowsPersonality.WINDOWS_10_MOBILE, Behaviour.RELIABLE, 3);
        server.enqueue(phone.deviceId(), LOCK, PIN_RESET, GET_DEVINFO);
        WindowsSessionSummary s = phone.session();

        assertThat(s.failure()).isEmpty();
        assertThat(s.messages()).isEqualTo(2);
        Element answer = answer(phone);
        // Server CmdIDs: 1 SyncHdr status, 2-4 statuses for the device's three commands, then Lock 5, Sequence 6 {7, 8}, Get 9.
        assertThat(SyncMlCommands.statuses(answer)).containsExactly(Map.entry("SyncHdr:0", "200"),
                Map.entry("Exec:5", "200"), Map.entry("Sequence:6", "200"), Map.entry("Exec:7", "200"),
                Map.entry("Get:8", "200"), Map.entry("Get:9", "200"));
        Map<String, String> results = SyncMlCommands.results(answer);
        String pin = results.get("./Vendor/MSFT/RemoteLock/NewPINValue");
        assertThat(pin).matches("[0-9]{4,6}");
        assertThat(results).containsEntry("./DevInfo/Man", "Microsoft").containsEntry("./DevInfo/Mod", "Lumia 950")
                .containsEntry("./DevDetail/SwV", "10.0.15063.1418");
        assertThat(Xml.path(answer, "SyncHdr", "SessionID").map(Xml::text)).contains("1");

        WindowsDeviceStatus st = phone.status();
        assertThat(st.locked()).isTrue();
        assertThat(st.currentPin()).contains(pin);
        assertThat(st.pinsGenerated()).containsExactly(pin);
        assertThat(st.lockCount()).isEqualTo(2);

        // NewPINValue is readable once: a second Get returns nothing.
        server.enqueue(phone.deviceId(), SyncMlCommands.get("./Vendor/MSFT/RemoteLock/NewPINValue"));
        phone.session();
        assertThat(SyncMlCommands.results(answer(phone))).containsEntry("./Vendor/MSFT/RemoteLock/NewPINValue", "");
    }

    @Test
    void a_desktop_locks_but_refuses_the_pin_reset() {
        SimulatedWindowsDevice pc = enrolled(WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE, 4);
        server.enqueue(pc.deviceId(), LOCK, PIN_RESET, GET_DEVINFO);
        pc.session();

        Element answer = answer(pc);
        assertThat(SyncMlCommands.statuses(answer)).containsExactly(Map.entry("SyncHdr:0", "200"),
                Map.entry("Exec:5", "200"), Map.entry("Sequence:6", "200"), Map.entry("Exec:7", "405"),
                Map.entry("Get:8", "215"), Map.entry("Get:9", "200"));
        assertThat(SyncMlCommands.results(answer)).doesNotContainKey("./Vendor/MSFT/RemoteLock/NewPINValue")
                .containsEntry("./DevInfo/Man", "Microsoft Corporation");
        assertThat(pc.status().pinsGenerated()).isEmpty();
        assertThat(pc.status().locked()).isTrue();
    }

    @Test
    void without_a_pin_lock_is_405_and_windows_81_locks_only_for_the_enrolled_user() {
        SimulatedWindowsDevice noPin = enrolled(WindowsPersonality.WINDOWS_11_DESKTOP,
                Behaviour.RELIABLE.withPinSet(false), 5);
        server.enqueue(noPin.deviceId(), LOCK);
        noPin.session();
        assertThat(SyncMlCommands.statuses(answer(noPin))).containsEntry("Exec:5", "405");
        assertThat(noPin.status().locked()).isFalse();

        SimulatedWindowsDevice w81 = enrolled(WindowsPersonality.WINDOWS_81,
                Behaviour.RELIABLE.withCurrentUser(CurrentUser.OTHER_USER), 6);
        server.enqueue(w81.deviceId(), LOCK, PIN_RESET);
        w81.session();
        Element first = server.messagesFrom(w81.deviceId()).get(0);
        assertThat(Xml.findAll(first, "Alert").get(1).getElementsByTagNameNS("*", "Data").item(1).getTextContent())
                .isEqualTo("others");
        assertThat(SyncMlCommands.statuses(answer(w81))).containsEntry("Exec:5", "500").containsEntry("Exec:7", "404");

        w81.behaviour(Behaviour.RELIABLE);
        server.enqueue(w81.deviceId(), LOCK);
        w81.session();
        assertThat(SyncMlCommands.statuses(answer(w81))).containsEntry("Exec:5", "200");
    }

    @Test
    void the_push_channel_is_reported_when_asked_and_unknown_nodes_are_404() {
        SimulatedWindowsDevice pc = enrolled(WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE, 7);
        pc.pushChannel(java.net.URI.create("http://127.0.0.1:1/?token=abc"));
        String provider = "./Vendor/MSFT/DMClient/Provider/" + FakeWindowsServer.PROVIDER_ID;
        server.enqueue(pc.deviceId(), SyncMlCommands.get(provider + "/Push/ChannelURI"),
                SyncMlCommands.get("./Vendor/MSFT/Nothing/Here"), SyncMlCommands.exec("./Vendor/MSFT/Nothing/Run", null),
                SyncMlCommands.exec("./DevInfo/Man", null),
                "<Atomic><CmdID/><Replace><CmdID/><Item><Target><LocURI>./Device/Vendor/MSFT/Policy/Config/DeviceLock/"
                        + "DevicePasswordEnabled</LocURI></Target><Data>0</Data></Item></Replace>"
                        + SyncMlCommands.exec("./Vendor/MSFT/Nothing/Run", null) + "</Atomic>");
        pc.session();
        Element answer = answer(pc);
        assertThat(SyncMlCommands.results(answer)).containsEntry(provider + "/Push/ChannelURI", "http://127.0.0.1:1/?token=abc");
        assertThat(SyncMlCommands.statuses(answer)).containsEntry("Get:5", "200").containsEntry("Get:6", "404")
                .containsEntry("Exec:7", "404").containsEntry("Exec:8", "405")
                .containsEntry("Replace:10", "200").containsEntry("Exec:11", "404").containsEntry("Atomic:9", "507");
    }

    @Test
    void wipe_answers_200_then_the_device_is_gone() {
        SimulatedWindowsDevice pc = enrolled(WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE, 8);
        server.enqueue(pc.deviceId(), SyncMlCommands.exec("./Device/Vendor/MSFT/RemoteWipe/doWipeProtected", null));
        pc.session();
        assertThat(SyncMlCommands.statuses(answer(pc))).containsEntry("Exec:5", "200");
        assertThat(pc.status().wiped()).isTrue();
        assertThat(pc.status().enrolled()).isFalse();
        int before = server.management.size();
        assertThat(pc.session()).isEqualTo(WindowsSessionSummary.NONE);
        assertThat(server.management).hasSize(before);
        // A wiped device may enroll again.
        pc.enroll(server.discoveryUrl(), USER, PASSWORD);
        assertThat(pc.status().enrolled()).isTrue();
    }

    @Test
    void the_server_unenrolls_with_dmclient_and_the_user_with_alert_1226() {
        SimulatedWindowsDevice phone = enrolled(WindowsPersonality.WINDOWS_PHONE_81, Behaviour.RELIABLE, 9);
        server.enqueue(phone.deviceId(), SyncMlCommands.exec("./Vendor/MSFT/DMClient/Provider/"
                + FakeWindowsServer.PROVIDER_ID.replace(" ", "%20") + "/Unenroll", FakeWindowsServer.PROVIDER_ID));
        phone.session();
        assertThat(SyncMlCommands.statuses(answer(phone))).containsEntry("Exec:5", "200");
        assertThat(phone.status().unenrolled()).isTrue();
        assertThat(phone.status().wiped()).isFalse();

        server.emptyBodyAtEnd = true;
        try {
            SimulatedWindowsDevice pc = enrolled(WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE, 10);
            pc.session();
            pc.unenrollByUser();
            pc.session();
            List<Element> sent = server.messagesFrom(pc.deviceId());
            Element last = sent.get(sent.size() - 1);
            assertThat(WindowsCaptures.shape(last)).isEqualTo(WindowsCaptures.shape(
                    Xml.parse(WindowsCaptures.dumpRequests().get(4))));
            Element alert = Xml.findAll(last, "Alert").get(2);
            assertThat(Xml.child(alert, "Data").map(Xml::text)).contains("1226");
            assertThat(Xml.path(alert, "Item", "Meta", "Type").map(Xml::text))
                    .contains("com.microsoft:mdm.unenrollment.userrequest");
            assertThat(Xml.path(last, "SyncHdr", "SessionID").map(Xml::text)).contains("2");
            assertThat(pc.status().unenrolled()).isTrue();
            assertThat(pc.status().enrolled()).isFalse();
        } finally {
            server.emptyBodyAtEnd = false;
        }
    }

    @Test
    void replaces_are_answered_like_the_captured_device() {
        SimulatedWindowsDevice pc = enrolled(WindowsPersonality.WINDOWS_11_DESKTOP, Behaviour.RELIABLE, 11);
        // The README capture's server commands (block 8), as this server numbers them.
        Element block8 = Xml.parse(WindowsCaptures.readmeBlock(8));
        List<String> replaces = Xml.children(Xml.child(block8, "SyncBody").orElseThrow(), "Replace").stream()
                .map(r -> "<Replace><CmdID/>" + Xml.children(r, "Item").stream().map(i -> "<Item><Target><LocURI>"
                        + Xml.path(i, "Target", "LocURI").map(Xml::text).orElse("") + "</LocURI></Target><Data>"
                        + Xml.escape(Xml.text(i, "Data").orElse("")) + "</Data></Item>").reduce("", String::concat)
                        + "</Replace>").toList();
        server.enqueue(pc.deviceId(), replaces.toArray(String[]::new));
        pc.session();
        Element answer = answer(pc);
        assertThat(WindowsCaptures.shape(answer)).isEqualTo(WindowsCaptures.shape(Xml.parse(WindowsCaptures.readmeBlock(9))));
        assertThat(SyncMlCommands.statuses(answer)).containsExactly(Map.entry("SyncHdr:0", "200"),
                Map.entry("Replace:5", "202"), Map.entry("Replace:6", "202"));
    }

    @Test
    void behind_a_proxy_the_certificate_travels_in_the_header() throws Exception {
        SimulatedWindowsDevice d = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_RT_81, Behaviour.RELIABLE, 12,
                WindowsDeviceHttp.behindProxy(FakeWindowsServer.PROXY_HEADER));
        d.enroll(server.discoveryUrl(), USER, PASSWORD);
        d.session();
        FakeWindowsServer.Recorded r = server.management.stream()
                .filter(x -> x.body().contains(d.deviceId())).findFirst().orElseThrow();
        assertThat(FakeWindowsServer.forwarded(r)).isEqualTo(d.deviceCertificate().orElseThrow());
        assertThat(server.enrollment.stream().map(x -> x.header(FakeWindowsServer.PROXY_HEADER))).containsOnlyNulls();
    }

    @Test
    void over_https_the_device_certificate_is_the_tls_client_certificate() throws Exception {
        try (FakeWindowsServer tls = new FakeWindowsServer(true)) {
            tls.passwords.put(USER, PASSWORD);
            tls.sha256Policy = true;
            SimulatedWindowsDevice d = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_11_DESKTOP,
                    Behaviour.RELIABLE, 13, WindowsDeviceHttp.trusting(tls.ca));
            d.enroll(tls.discoveryUrl(), USER, PASSWORD);
            assertThat(d.session().failure()).isEmpty();
            assertThat(tls.enrollment).allSatisfy(r -> assertThat(r.clientCertificate()).isNull());
            assertThat(tls.management).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.clientCertificate()).isEqualTo(d.deviceCertificate().orElseThrow()));
            var csr = new org.bouncycastle.pkcs.PKCS10CertificationRequest(java.util.Base64.getMimeDecoder()
                    .decode(Xml.text(tls.enrollment.get(3).xml(), "BinarySecurityToken").orElseThrow()));
            assertThat(csr.getSignatureAlgorithm().getAlgorithm())
                    .isEqualTo(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha256WithRSAEncryption);
        }
    }

    @Test
    void knobs_fail_commands_and_keep_an_offline_device_silent() {
        SimulatedWindowsDevice flaky = enrolled(WindowsPersonality.WINDOWS_10_MOBILE, Behaviour.RELIABLE.withErrorRate(1), 14);
        server.enqueue(flaky.deviceId(), LOCK, GET_DEVINFO);
        flaky.session();
        assertThat(SyncMlCommands.statuses(answer(flaky))).containsEntry("Exec:5", "500").containsEntry("Get:6", "500");
        assertThat(flaky.status().locked()).isFalse();

        flaky.behaviour(Behaviour.RELIABLE.withOnline(false));
        int before = server.management.size();
        assertThat(flaky.session()).isEqualTo(WindowsSessionSummary.NONE);
        assertThat(server.management).hasSize(before);

        SimulatedWindowsDevice nobody = enrolled(WindowsPersonality.WINDOWS_11_DESKTOP,
                Behaviour.RELIABLE.withCurrentUser(CurrentUser.NOBODY).withLatency(java.time.Duration.ofMillis(5)), 15);
        nobody.session();
        Element first = server.messagesFrom(nobody.deviceId()).get(0);
        assertThat(Xml.path(Xml.findAll(first, "Alert").get(1), "Item", "Data").map(Xml::text)).contains("none");
    }
}
