package io.latchkey.server.config;

import io.latchkey.channel.apple.push.ApnsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Apple channel settings (APNs and the trusted proxy's certificate header), read through the
 * same entry point as every other setting: {@link SettingsLoader#load}.
 */
class AppleSettingsTest {

    @TempDir
    Path dir;

    @Test
    void without_apns_credentials_push_is_off_and_so_is_the_proxy_header() {
        Settings s = SettingsLoader.load(Map.of(), null, Map.of());

        assertThat(s.apple().apns()).isNull();
        assertThat(s.apple().identityHeader()).isNull();
        assertThat(s.apple().trustedProxies()).isEmpty();
        assertThat(s.apple().toString()).contains("apns=off", "identityHeader=off");
    }

    @Test
    void the_server_and_rate_alone_do_not_turn_push_on() {
        Settings s = SettingsLoader.load(Map.of(Option.APPLE_APNS_SERVER, "sandbox", Option.APPLE_APNS_RATE, "50"),
                null, Map.of());

        assertThat(s.apple().apns()).isNull();
    }

    @Test
    void the_header_with_its_proxies_is_read_and_the_list_trimmed() {
        Settings s = SettingsLoader.load(Map.of(Option.APPLE_IDENTITY_HEADER, "X-Client-Cert",
                Option.APPLE_IDENTITY_PROXIES, " 127.0.0.1/32, 10.0.0.0/8 ,,::1 "), null, Map.of());

        assertThat(s.apple().identityHeader()).isEqualTo("X-Client-Cert");
        assertThat(s.apple().trustedProxies()).containsExactly("127.0.0.1/32", "10.0.0.0/8", "::1");
    }

    @Test
    void the_header_without_proxies_is_refused_and_the_message_says_why() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                Map.of(Option.APPLE_IDENTITY_HEADER, "X-Client-Cert"), null, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("apple.identity.header", "apple.identity.proxies", "any client could claim"));
    }

    @Test
    void blank_proxies_count_as_none() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(Map.of(),
                null, Map.of("LATCHKEY_APPLE_IDENTITY_HEADER", "Client-Cert", "LATCHKEY_APPLE_IDENTITY_PROXIES", "  ")));

        assertThat(e.getMessage()).contains("apple.identity.header needs apple.identity.proxies");
    }

    @Test
    void proxies_without_a_header_are_unused() {
        Settings s = SettingsLoader.load(Map.of(Option.APPLE_IDENTITY_PROXIES, "10.0.0.0/8"), null, Map.of());

        assertThat(s.apple().identityHeader()).isNull();
        assertThat(s.apple().trustedProxies()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "proxy.example.com", "10.0.0.0/33", "::/129", "10.0.0.0/x", "*"})
    void a_bad_proxy_entry_is_refused_naming_the_entry_and_its_source(String entry) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                Map.of(Option.APPLE_IDENTITY_HEADER, "X-Client-Cert",
                        Option.APPLE_IDENTITY_PROXIES, "127.0.0.1/32, " + entry), null, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("apple.identity.proxies", "'" + entry + "'", "not an IP address or CIDR range",
                        "flag --apple-identity-proxies"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Client Cert", "X-Client-Cert:", "Client_Cert", "Ü-Cert"})
    void a_header_that_is_not_a_header_name_is_refused(String header) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                Map.of(Option.APPLE_IDENTITY_HEADER, header, Option.APPLE_IDENTITY_PROXIES, "10.0.0.0/8"),
                null, Map.of()));

        assertThat(e.getMessage()).contains("apple.identity.header must be a header name", header);
    }

    @Test
    void the_apns_server_is_production_by_default() throws IOException {
        Settings s = SettingsLoader.load(withCertificate(Map.of()), null, Map.of());

        ApnsSettings apns = s.apple().apns();
        assertThat(apns).isNotNull();
        assertThat(apns.host()).isEqualTo(ApnsSettings.PRODUCTION_HOST);
        assertThat(apns.port()).isEqualTo(ApnsSettings.DEFAULT_PORT);
        assertThat(apns.certificateP12()).isEqualTo(dir.resolve("push.p12"));
        assertThat(apns.pushesPerSecond()).isEqualTo(1000);
    }

    @Test
    void the_apns_server_is_production_sandbox_or_host_and_port() throws IOException {
        assertThat(apns("production").host()).isEqualTo(ApnsSettings.PRODUCTION_HOST);
        assertThat(apns(" sandbox ").host()).isEqualTo(ApnsSettings.SANDBOX_HOST);
        assertThat(apns("sandbox").port()).isEqualTo(ApnsSettings.DEFAULT_PORT);

        ApnsSettings mock = apns("localhost:2197");
        assertThat(mock.host()).isEqualTo("localhost");
        assertThat(mock.port()).isEqualTo(2197);

        ApnsSettings relay = apns("apns-relay.example.com");
        assertThat(relay.host()).isEqualTo("apns-relay.example.com");
        assertThat(relay.port()).isEqualTo(ApnsSettings.DEFAULT_PORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"apns.example.com:http", "apns.example.com:0", "apns.example.com:70000",
            "apns.example.com:-1", "apns.example.com:"})
    void an_apns_server_with_a_bad_port_is_refused(String server) throws IOException {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                withCertificate(Map.of(Option.APPLE_APNS_SERVER, server)), null, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).contains("apple.apns", "port"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fast", "0", "-1", "100001", "2147483648", "1.5", ""})
    void a_non_numeric_or_out_of_range_rate_is_refused(String rate) throws IOException {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                withCertificate(Map.of()), null, Map.of("LATCHKEY_APPLE_APNS_RATE", rate)));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("apple.apns.rate", "1 to 100000", "LATCHKEY_APPLE_APNS_RATE"));
    }

    @Test
    void the_rate_bounds_are_accepted() throws IOException {
        assertThat(SettingsLoader.load(withCertificate(Map.of(Option.APPLE_APNS_RATE, "1")), null, Map.of())
                .apple().apns().pushesPerSecond()).isEqualTo(1);
        assertThat(SettingsLoader.load(withCertificate(Map.of(Option.APPLE_APNS_RATE, " 100000 ")), null, Map.of())
                .apple().apns().pushesPerSecond()).isEqualTo(100_000);
    }

    @Test
    void a_missing_certificate_file_is_reported_with_its_path() {
        Path missing = dir.resolve("no-such-push.p12");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                Map.of(Option.APPLE_APNS_CERTIFICATE, missing.toString()), null, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("apple.apns.").contains(missing.toString(), "does not exist"));
    }

    @Test
    void a_certificate_path_that_is_a_directory_is_refused() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                Map.of(Option.APPLE_APNS_CERTIFICATE, dir.toString()), null, Map.of()));

        assertThat(e.getMessage()).contains(dir.toString(), "not a file", "apple.apns.certificate");
    }

    /**
     * Every other problem names its option and where the value came from. This one names the
     * record component (certificateP12) and the source of apple.apns.server ("from default"),
     * although the path came from --apple-apns-certificate.
     */
    @Test
    void a_missing_certificate_file_names_the_option_and_its_source() {
        Path missing = dir.resolve("no-such-push.p12");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                Map.of(Option.APPLE_APNS_CERTIFICATE, missing.toString()), null, Map.of()));

        assertThat(e.getMessage()).contains("apple.apns.certificate", "flag --apple-apns-certificate")
                .doesNotContain("from default");
    }

    @Test
    void every_apple_problem_is_reported_at_once() throws IOException {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                withCertificate(Map.of(Option.APPLE_APNS_RATE, "lots", Option.APPLE_IDENTITY_HEADER, "X Cert",
                        Option.APPLE_IDENTITY_PROXIES, "gateway")), null, Map.of()));

        assertThat(e.problems()).hasSize(3);
        assertThat(String.join("\n", e.problems())).contains("apple.apns.rate", "apple.identity.header",
                "'gateway'");
    }

    @Test
    void the_certificate_password_is_never_shown() throws IOException {
        Settings s = SettingsLoader.load(withCertificate(Map.of(Option.APPLE_APNS_CERTIFICATE_PASSWORD,
                "push-cert-secret-42")), null, Map.of());

        assertThat(new String(s.apple().apns().certificatePassword())).isEqualTo("push-cert-secret-42");
        assertThat(s.toString()).doesNotContain("push-cert-secret-42");
        assertThat(s.apple().apns().toString()).doesNotContain("push-cert-secret-42");
    }

    @Test
    void the_example_values_in_the_option_descriptions_parse() throws IOException {
        for (String server : List.of("production", "sandbox", "api.development.push.apple.com:2197")) {
            assertThat(apns(server)).as(server).isNotNull();
        }
    }

    private ApnsSettings apns(String server) throws IOException {
        return SettingsLoader.load(withCertificate(Map.of(Option.APPLE_APNS_SERVER, server)), null, Map.of())
                .apple().apns();
    }

    /** The loader checks that the file exists and is readable; its content is read only when pushing. */
    private Map<Option, String> withCertificate(Map<Option, String> flags) throws IOException {
        Path p12 = dir.resolve("push.p12");
        if (!Files.exists(p12)) {
            Files.write(p12, new byte[] {0x30, 0x00});
        }
        Map<Option, String> all = new HashMap<>(flags);
        all.put(Option.APPLE_APNS_CERTIFICATE, p12.toString());
        return all;
    }
}
