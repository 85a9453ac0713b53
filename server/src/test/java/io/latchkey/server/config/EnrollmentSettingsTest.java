package io.latchkey.server.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The enrollment settings: public URL, APNs topic, CA keystore password, code lifetime. */
class EnrollmentSettingsTest {

    @Test
    void defaults_leave_the_url_and_ca_password_to_the_server_and_use_the_placeholder_topic() {
        Settings s = SettingsLoader.load(Map.of(), null, Map.of());

        assertThat(s.publicUrl()).isNull();
        assertThat(s.appleCaPassword()).isNull();
        assertThat(s.appleMdmTopic()).isEqualTo(AppleDefaults.PLACEHOLDER_TOPIC);
        assertThat(s.enrollmentCodeTtl()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void flags_env_and_file_keys_set_them_and_the_password_is_masked() {
        Settings s = SettingsLoader.load(Map.of(Option.PUBLIC_URL, "https://mdm.example.com/"),
                null, Map.of("LATCHKEY_APPLE_MDM_TOPIC", "com.apple.mgmt.External.1b2c3d4e-aaaa-bbbb-cccc-0123456789ab",
                        "LATCHKEY_APPLE_CA_PASSWORD", "correct horse battery", "LATCHKEY_ENROLLMENT_CODE_TTL", "12h"));

        assertThat(s.publicUrl()).isEqualTo(URI.create("https://mdm.example.com"));
        assertThat(s.appleMdmTopic()).endsWith("0123456789ab");
        assertThat(s.appleCaPassword()).isEqualTo("correct horse battery");
        assertThat(s.enrollmentCodeTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(s.toString()).doesNotContain("correct horse");
    }

    @Test
    void bad_values_are_all_reported_without_echoing_the_password() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(Map.of(
                Option.PUBLIC_URL, "ftp://mdm.example.com", Option.APPLE_MDM_TOPIC, "com.example.push",
                Option.APPLE_CA_PASSWORD, "short", Option.ENROLLMENT_CODE_TTL, "forever"), null, Map.of()));

        assertThat(e.getMessage()).contains("public.url", "apple.mdm.topic", "apple.ca.password",
                "enrollment.code.ttl").doesNotContain("'short'");
    }
}
