package io.latchkey.channel.windows.enrollment;

import io.latchkey.ca.DeviceCertificateIssuer;
import io.latchkey.ca.TestPki;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.EnrollmentCode;
import io.latchkey.core.enrollment.InMemoryDeviceIdentities;
import io.latchkey.core.enrollment.InMemoryEnrollmentCodes;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import io.latchkey.core.testing.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The captured Windows 10 enrollment (OnPremise, user {@code demio}, password {@code demo}) against
 * the service: the password must be a usable Windows enrollment code of that user, and the
 * enrollment redeems it once, issues {@code CN=<DeviceID>} from the device CA and binds it.
 */
class WindowsEnrollmentServiceTest {
    private static final String DEVICE_ID = "B5B954E81FBCB94EB79BD08BE625F4EE";
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryEnrollmentCodes codes = new InMemoryEnrollmentCodes();
    private final InMemoryDeviceIdentities identities = new InMemoryDeviceIdentities();
    private final User demio = new User(UUID.randomUUID(), "demio", "Demo user");
    private final Users users = new Users() {
        @Override
        public void save(User user) {
        }

        @Override
        public Optional<User> find(UUID id) {
            return id.equals(demio.id()) ? Optional.of(demio) : Optional.empty();
        }

        @Override
        public Optional<User> findByPrincipalName(String upn) {
            return upn.equals(demio.userPrincipalName()) ? Optional.of(demio) : Optional.empty();
        }

        @Override
        public Page<User> page(String search, String cursor, int limit) {
            return new Page<>(java.util.List.of(demio), null);
        }
    };
    private final WindowsEnrollmentService service = new WindowsEnrollmentService(users, codes, store.devices,
            identities, new DeviceCertificateIssuer(TestPki.ca(), Duration.ofDays(365), TestPki.CLOCK),
            TestPki.ca().certificate(), TestPki.CLOCK);
    private final ProvisioningSettings provisioning = ProvisioningSettings.of("LATCHKEY", "Latchkey",
            URI.create("https://mdm.example.com/ManagementServer/MDM.svc"));

    private void issueCode(String code) {
        codes.save(new EnrollmentCode(EnrollmentCode.hash(code), demio.id(), ChannelKind.WINDOWS_MDM, TestPki.NOW,
                TestPki.NOW.plus(Duration.ofDays(1)), null));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void theCapturedEnrollmentWithAUsableCodeIssuesTheDeviceCertificateAndMakesTheRecord() {
        issueCode("demo");

        String policies = text(service.policies(EnrollmentCaptures.getPolicies()));
        String enrolled = text(service.enroll(EnrollmentCaptures.requestSecurityToken(), provisioning));

        assertThat(policies).contains("GetPoliciesResponse").doesNotContain("Fault");
        assertThat(enrolled).contains("RequestSecurityTokenResponseCollection").doesNotContain("Fault");
        Device device = store.devices.findByExternalId(DEVICE_ID).orElseThrow();
        assertThat(device.platform()).isEqualTo(Platform.WINDOWS);
        assertThat(device.name()).isEqualTo("DESKTOP-28FGAI6");
        assertThat(device.osVersion()).startsWith("10.0.19043");
        assertThat(device.enrollingUserId()).isEqualTo(demio.id());
        // The provisioning document parses; its device certificate chains to the CA and names the DeviceID.
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("BinarySecurityToken[^>]*>([^<]+)<")
                .matcher(enrolled);
        assertThat(token.find()).isTrue();
        String doc = new String(java.util.Base64.getMimeDecoder().decode(token.group(1)), StandardCharsets.UTF_8);
        io.latchkey.channel.windows.xml.SafeXml.parse(doc.getBytes(StandardCharsets.UTF_8));
        java.util.List<java.security.cert.X509Certificate> certs = new java.util.ArrayList<>();
        java.util.regex.Matcher encoded = java.util.regex.Pattern.compile(
                "name=\"EncodedCertificate\" value=\"([^\"]+)\"").matcher(doc);
        while (encoded.find()) {
            try {
                certs.add((java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(
                                java.util.Base64.getMimeDecoder().decode(encoded.group(1)))));
            } catch (java.security.cert.CertificateException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(certs).hasSize(2);
        java.security.cert.X509Certificate deviceCert = certs.stream()
                .filter(c -> c.getBasicConstraints() < 0).findFirst().orElseThrow();
        assertThat(deviceCert.getSubjectX500Principal().getName()).isEqualTo("CN=" + DEVICE_ID);
        assertThat(io.latchkey.ca.IssuedHere.problem(TestPki.ca().certificate(), deviceCert, TestPki.NOW)).isEmpty();
        assertThat(doc).contains("https://mdm.example.com/ManagementServer/MDM.svc");
        assertThat(identities.listForUser(demio.id())).singleElement().satisfies(i -> {
            assertThat(i.externalId()).isEqualTo(DEVICE_ID);
            assertThat(i.deviceId()).isEqualTo(device.id());
            assertThat(i.channel()).isEqualTo(ChannelKind.WINDOWS_MDM);
        });
    }

    @Test
    void aCodeEnrollsOnceAndAWrongOrMissingCodeIsAnAuthenticationFault() {
        String withoutCode = text(service.policies(EnrollmentCaptures.getPolicies()));
        assertThat(withoutCode).contains("Fault").contains("s:Authentication");

        issueCode("demo");
        service.enroll(EnrollmentCaptures.requestSecurityToken(), provisioning);
        String again = text(service.enroll(EnrollmentCaptures.requestSecurityToken(), provisioning));

        assertThat(again).contains("Fault").contains("s:Authentication");
        assertThat(identities.listForUser(demio.id())).hasSize(1);
    }

    @Test
    void aCodeCannotTakeAnEnrolledDeviceFromAnotherUserButCanOnceItIsRetired() {
        issueCode("demo");
        Device others = new Device(UUID.randomUUID(), DEVICE_ID, "Someone's PC", Platform.WINDOWS, "10.0", null, null,
                io.latchkey.core.inventory.ManagementChannel.MDM, io.latchkey.core.inventory.Ownership.COMPANY,
                UUID.randomUUID(), null, TestPki.NOW, TestPki.NOW, io.latchkey.core.inventory.ChannelState.NONE);
        store.devices.save(others);

        String refused = text(service.enroll(EnrollmentCaptures.requestSecurityToken(), provisioning));

        assertThat(refused).contains("Fault").contains("s:Authorization").contains("enrolled for another user");
        assertThat(identities.listForUser(demio.id())).isEmpty();
        assertThat(store.devices.findByExternalId(DEVICE_ID).orElseThrow().enrollingUserId())
                .isEqualTo(others.enrollingUserId());

        store.devices.save(others.unenrolled(TestPki.NOW)); // retired: the same, unspent code now enrolls it
        String enrolled = text(service.enroll(EnrollmentCaptures.requestSecurityToken(), provisioning));

        assertThat(enrolled).doesNotContain("Fault");
        assertThat(store.devices.findByExternalId(DEVICE_ID).orElseThrow().enrollingUserId()).isEqualTo(demio.id());
    }

    @Test
    void aMalformedRequestIsAFormatFaultAndStoresNothing() {
        String fault = text(service.enroll("<not soap".getBytes(StandardCharsets.UTF_8), provisioning));

        assertThat(fault).contains("Fault").contains("MessageFormat");
        assertThat(store.devices.findByExternalId(DEVICE_ID)).isEmpty();
    }
}
