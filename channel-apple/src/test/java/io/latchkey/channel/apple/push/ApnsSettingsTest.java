package io.latchkey.channel.apple.push;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad settings fail at construction, and the message names the setting. */
class ApnsSettingsTest {

    @TempDir
    Path dir;

    private Path file(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "x");
    }

    private static ApnsSettings settings(int port, Path p12, char[] password, Path p8, String teamId, String keyId) {
        return new ApnsSettings("api.push.apple.com", port, p12, password, p8, teamId, keyId, null, 100, 100,
                Duration.ofMinutes(15));
    }

    @Test
    void production_and_sandbox_use_apples_hosts_and_default_limits() throws Exception {
        Path p12 = file("push.p12");

        ApnsSettings production = ApnsSettings.production(p12, "pw".toCharArray());
        ApnsSettings sandbox = ApnsSettings.sandbox(p12, new char[0]);

        assertThat(production.host()).isEqualTo("api.push.apple.com");
        assertThat(sandbox.host()).isEqualTo("api.sandbox.push.apple.com");
        assertThat(production.port()).isEqualTo(443);
        assertThat(production.pushesPerSecond()).isEqualTo(ApnsSettings.DEFAULT_PUSHES_PER_SECOND);
        assertThat(production.withServer("localhost", 2197).port()).isEqualTo(2197);
    }

    @Test
    void token_credentials_are_accepted() throws Exception {
        ApnsSettings token = settings(443, null, null, file("AuthKey.p8"), "TEAM123456", "KEY1234567");

        assertThat(token.certificateP12()).isNull();
        assertThat(token.toString()).contains("teamId=TEAM123456");
    }

    @Test
    void both_kinds_of_credentials_are_refused() throws Exception {
        assertThatThrownBy(() -> settings(443, file("push.p12"), new char[0], file("AuthKey.p8"), "T", "K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("either certificate credentials")
                .hasMessageContaining("not both");
    }

    @Test
    void no_credentials_are_refused() {
        assertThatThrownBy(() -> settings(443, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no APNs credentials");
    }

    @Test
    void partial_token_credentials_name_what_is_missing() throws Exception {
        Path p8 = file("AuthKey.p8");
        assertThatThrownBy(() -> settings(443, null, null, p8, " ", null))
                .hasMessageContaining("teamId is required")
                .hasMessageContaining("keyId is required");
        assertThatThrownBy(() -> settings(443, null, null, null, "T", "K"))
                .hasMessageContaining("signingKeyP8 is required");
        assertThatThrownBy(() -> settings(443, file("push.p12"), null, null, null, null))
                .hasMessageContaining("certificatePassword is required");
    }

    @Test
    void a_bad_port_is_refused() throws Exception {
        Path p12 = file("push.p12");
        assertThatThrownBy(() -> settings(0, p12, new char[0], null, null, null))
                .hasMessageContaining("port must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> settings(65536, p12, new char[0], null, null, null))
                .hasMessageContaining("was 65536");
    }

    @Test
    void missing_files_are_named() {
        Path missing = dir.resolve("nope.p12");
        assertThatThrownBy(() -> settings(443, missing, new char[0], null, null, null))
                .hasMessageContaining("certificateP12 " + missing + " does not exist");
        assertThatThrownBy(() -> settings(443, null, null, dir.resolve("nope.p8"), "T", "K"))
                .hasMessageContaining("signingKeyP8 ");
        assertThatThrownBy(() -> new ApnsSettings("h", 443, null, null, dir, "T", "K", dir.resolve("ca.pem"), 1, 1,
                Duration.ofSeconds(1)))
                .hasMessageContaining("signingKeyP8 " + dir + " does not exist or is not a regular file")
                .hasMessageContaining("trustedServerCertificate " + dir.resolve("ca.pem"));
    }

    @Test
    void limits_and_host_are_checked_and_all_problems_are_reported_at_once() throws Exception {
        Path p12 = file("push.p12");
        assertThatThrownBy(() -> new ApnsSettings(" ", 443, p12, new char[0], null, null, null, null, 0, -1,
                Duration.ZERO))
                .hasMessageContaining("host is required")
                .hasMessageContaining("pushesPerSecond must be at least 1, was 0")
                .hasMessageContaining("maxInFlight must be at least 1, was -1")
                .hasMessageContaining("maxRetryAge must be a positive duration, was PT0S");
    }

    @Test
    void the_password_is_copied_and_never_printed() throws Exception {
        char[] password = "hunter2".toCharArray();
        ApnsSettings settings = ApnsSettings.production(file("push.p12"), password);

        password[0] = 'X';
        char[] read = settings.certificatePassword();
        read[1] = 'Y';

        assertThat(settings.certificatePassword()).containsExactly("hunter2".toCharArray());
        assertThat(settings.toString()).doesNotContain("hunter2");
    }

    @Test
    void open_reports_an_unreadable_p12_clearly() throws Exception {
        Path notP12 = file("push.p12");
        ApnsSettings settings = ApnsSettings.sandbox(notP12, "pw".toCharArray());

        assertThatThrownBy(() -> ApnsMdmPush.open(settings, (id, token, since) -> { }, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot load the APNs credentials from " + notP12);
    }
}
