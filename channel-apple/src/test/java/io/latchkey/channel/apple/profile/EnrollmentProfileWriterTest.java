package io.latchkey.channel.apple.profile;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.XMLPropertyListParser;
import io.latchkey.ca.Bc;
import io.latchkey.ca.TestPki;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrollmentProfileWriterTest {

    private static final EnrollmentSettings SETTINGS = new EnrollmentSettings("Acme", "io.latchkey.enroll",
            URI.create("https://mdm.acme.test/scep"), URI.create("https://mdm.acme.test/mdm"),
            URI.create("https://mdm.acme.test/checkin"), "com.apple.mgmt.External.e0bd1eac-1f17-4c8e-8a63-dd17d3dd35d9",
            List.of(), false);

    private final byte[] profile = new EnrollmentProfileWriter(SETTINGS).write("c0ffee", "Alice Example");

    @Test
    void outer_profile() throws Exception {
        NSDictionary p = (NSDictionary) XMLPropertyListParser.parse(profile);
        assertThat(p.allKeys()).containsExactlyInAnyOrder("PayloadType", "PayloadVersion", "PayloadIdentifier",
                "PayloadUUID", "PayloadDisplayName", "PayloadOrganization", "PayloadContent");
        assertThat(java(p, "PayloadType")).isEqualTo("Configuration");
        assertThat(java(p, "PayloadVersion")).isEqualTo(1L);
        assertThat(java(p, "PayloadIdentifier")).isEqualTo("io.latchkey.enroll");
        assertThat(java(p, "PayloadOrganization")).isEqualTo("Acme");
        assertThat(((NSArray) p.get("PayloadContent")).count()).isEqualTo(2);
    }

    @Test
    void scep_payload() throws Exception {
        NSDictionary scep = payloads()[0];
        assertThat(java(scep, "PayloadType")).isEqualTo("com.apple.security.scep");
        assertThat(java(scep, "PayloadVersion")).isEqualTo(1L);
        assertThat(java(scep, "PayloadIdentifier")).isEqualTo("io.latchkey.enroll.scep");
        NSDictionary c = (NSDictionary) scep.get("PayloadContent");
        assertThat(c.allKeys()).containsExactlyInAnyOrder("URL", "Name", "Subject", "Challenge", "Keysize",
                "Key Type", "Key Usage");
        assertThat(java(c, "URL")).isEqualTo("https://mdm.acme.test/scep");
        assertThat(java(c, "Challenge")).isEqualTo("c0ffee");
        assertThat(java(c, "Keysize")).isEqualTo(2048L);
        assertThat(java(c, "Key Type")).isEqualTo("RSA");
        assertThat(java(c, "Key Usage")).isEqualTo(5L);
        assertThat(c.get("Subject").toJavaObject()).isEqualTo(new Object[] {
                new Object[] {new Object[] {"O", "Acme"}}, new Object[] {new Object[] {"CN", "Alice Example"}}});
    }

    @Test
    void mdm_payload_points_at_the_scep_identity() throws Exception {
        NSDictionary[] payloads = payloads();
        NSDictionary mdm = payloads[1];
        assertThat(mdm.allKeys()).containsExactlyInAnyOrder("PayloadType", "PayloadVersion", "PayloadIdentifier",
                "PayloadUUID", "PayloadDisplayName", "IdentityCertificateUUID", "Topic", "ServerURL", "CheckInURL",
                "SignMessage", "CheckOutWhenRemoved", "AccessRights", "ServerCapabilities");
        assertThat(java(mdm, "PayloadType")).isEqualTo("com.apple.mdm");
        assertThat(java(mdm, "IdentityCertificateUUID")).isEqualTo(java(payloads[0], "PayloadUUID"));
        assertThat(java(mdm, "PayloadUUID")).isNotEqualTo(java(payloads[0], "PayloadUUID"));
        assertThat(java(mdm, "Topic")).isEqualTo(SETTINGS.topic());
        assertThat(java(mdm, "ServerURL")).isEqualTo("https://mdm.acme.test/mdm");
        assertThat(java(mdm, "CheckInURL")).isEqualTo("https://mdm.acme.test/checkin");
        assertThat(((NSNumber) mdm.get("SignMessage")).isBoolean()).isTrue();
        assertThat(java(mdm, "SignMessage")).isEqualTo(true);
        assertThat(java(mdm, "CheckOutWhenRemoved")).isEqualTo(true);
        long rights = (Long) java(mdm, "AccessRights");
        assertThat(rights & 4).as("lock and passcode removal").isEqualTo(4);
        assertThat(rights & 8).as("erase").isEqualTo(8);
        assertThat(((NSArray) mdm.get("ServerCapabilities")).count()).isZero();
    }

    @Test
    void each_profile_has_fresh_uuids_and_options_show() throws Exception {
        var settings = new EnrollmentSettings("Acme", "io.latchkey.enroll", SETTINGS.scepUrl(), SETTINGS.serverUrl(),
                SETTINGS.checkInUrl(), SETTINGS.topic(), List.of("com.apple.mdm.per-user-connections"), true);
        NSDictionary mdm = payloads(new EnrollmentProfileWriter(settings).write("x", "y"))[1];
        assertThat(java(mdm, "UseDevelopmentAPNS")).isEqualTo(true);
        assertThat(Arrays.stream(((NSArray) mdm.get("ServerCapabilities")).getArray()).map(NSObject::toJavaObject))
                .containsExactly("com.apple.mdm.per-user-connections");
        assertThat(java(mdm, "PayloadUUID")).isNotEqualTo(java(payloads()[1], "PayloadUUID"));
        assertThatThrownBy(() -> new EnrollmentSettings("A", "i", SETTINGS.scepUrl(), SETTINGS.serverUrl(),
                SETTINGS.checkInUrl(), "com.example.push", List.of(), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_signed_profile_verifies_and_carries_the_profile() throws Exception {
        var keys = TestPki.deviceKeys();
        var cert = TestPki.selfSigned(keys, "Profile Signing");
        byte[] signed = new ProfileSigner(cert, keys.getPrivate(), List.of(TestPki.ca().certificate())).sign(profile);

        CMSSignedData cms = new CMSSignedData(signed);
        assertThat((byte[]) cms.getSignedContent().getContent()).isEqualTo(profile);
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER)
                .build(cert.getPublicKey()))).isTrue();
        assertThat(cms.getCertificates().getMatches(null)).extracting(h -> ((X509CertificateHolder) h).getSubject()
                .toString()).contains("CN=Profile Signing");
    }

    private NSDictionary[] payloads() throws Exception {
        return payloads(profile);
    }

    private static NSDictionary[] payloads(byte[] body) throws Exception {
        NSArray content = (NSArray) ((NSDictionary) XMLPropertyListParser.parse(body)).get("PayloadContent");
        return Arrays.stream(content.getArray()).map(o -> (NSDictionary) o).toArray(NSDictionary[]::new);
    }

    private static Object java(NSDictionary d, String key) {
        assertThat(d.containsKey(key)).as(key).isTrue();
        Object v = d.get(key).toJavaObject();
        // dd-plist hands back small integers as Integer; compare every integer as a long.
        return v instanceof Integer i ? Long.valueOf(i) : v;
    }
}
