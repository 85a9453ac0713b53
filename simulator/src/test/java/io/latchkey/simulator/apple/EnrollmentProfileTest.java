package io.latchkey.simulator.apple;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnrollmentProfileTest {

    private static final byte[] PLAIN = Plists.xml(TestProfiles.profile("io.example.enroll",
            URI.create("https://mdm.example.com/scep"), URI.create("https://mdm.example.com/mdm/connect"),
            URI.create("https://mdm.example.com/mdm/checkin"), "com.apple.mgmt.External.abc", "code-1", true));

    @Test
    void reads_the_scep_and_mdm_payloads_of_a_plain_profile() {
        EnrollmentProfile p = EnrollmentProfile.parse(PLAIN);

        assertThat(p.identifier()).isEqualTo("io.example.enroll");
        assertThat(p.signed()).isFalse();
        assertThat(p.scep().url()).isEqualTo(URI.create("https://mdm.example.com/scep"));
        assertThat(p.scep().challenge()).contains("code-1");
        assertThat(p.scep().subject()).containsExactly(Map.entry("O", "Latchkey tests"),
                Map.entry("CN", "alice@example.com"));
        assertThat(p.scep().keySize()).isEqualTo(2048);
        assertThat(p.scep().keyUsage()).isEqualTo(5);
        assertThat(p.mdm().serverUrl()).isEqualTo(URI.create("https://mdm.example.com/mdm/connect"));
        assertThat(p.mdm().checkInUrl()).isEqualTo(URI.create("https://mdm.example.com/mdm/checkin"));
        assertThat(p.mdm().topic()).isEqualTo("com.apple.mgmt.External.abc");
        assertThat(p.mdm().signMessage()).isTrue();
        assertThat(p.mdm().checkOutWhenRemoved()).isTrue();
    }

    @Test
    void unwraps_a_signed_profile() {
        EnrollmentProfile p = EnrollmentProfile.parse(TestProfiles.sign(PLAIN));

        assertThat(p.signed()).isTrue();
        assertThat(p.signatureVerified()).isTrue();
        assertThat(p.scep().challenge()).contains("code-1");
    }

    @Test
    void check_ins_go_to_the_server_url_when_there_is_no_check_in_url() {
        EnrollmentProfile p = EnrollmentProfile.parse(Plists.xml(TestProfiles.profile("id", URI.create("http://h/scep"),
                URI.create("http://h/mdm"), null, "com.apple.mgmt.X", "c", false)));

        assertThat(p.mdm().checkInUrl()).isEqualTo(URI.create("http://h/mdm"));
        assertThat(p.mdm().signMessage()).isFalse();
    }

    @Test
    void refuses_what_is_not_an_enrollment_profile() {
        assertThatThrownBy(() -> EnrollmentProfile.parse("{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnrollmentProfile.parse(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))
                .isInstanceOf(IllegalArgumentException.class);
        String noMdm = "<?xml version=\"1.0\"?><plist version=\"1.0\"><dict><key>PayloadIdentifier</key>"
                + "<string>x</string><key>PayloadContent</key><array/></dict></plist>";
        assertThatThrownBy(() -> EnrollmentProfile.parse(noMdm.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("com.apple.security.scep");
    }
}
