package io.latchkey.channel.apple.identity;

import io.latchkey.ca.TestPki;
import io.latchkey.channel.apple.pki.TestIdentities;
import io.latchkey.core.enrollment.DeviceIdentity;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy's certificate header, in both encodings, decoded without a parse on the hot path; and
 * the trust check that remembers a verified certificate by fingerprint yet judges its dates anew
 * on every request.
 */
class ForwardedCertificateTest {
    private final X509Certificate cert = TestIdentities.issue(TestPki.ca(), TestPki.CLOCK, Duration.ofDays(30));

    private String pem() throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void everyEncodingAProxySendsGivesTheSameCertificate() throws Exception {
        byte[] der = cert.getEncoded();
        String escaped = URLEncoder.encode(pem(), StandardCharsets.UTF_8);       // spaces as '+'
        assertThat(ForwardedCertificate.der(escaped)).isEqualTo(der);
        assertThat(ForwardedCertificate.der(escaped.replace("+", "%20"))).isEqualTo(der); // nginx
        assertThat(ForwardedCertificate.der(escaped.replace("%2B", "%2b").replace("%2F", "%2f"))).isEqualTo(der);
        assertThat(ForwardedCertificate.der(":" + Base64.getEncoder().encodeToString(der) + ":")).isEqualTo(der);
        assertThat(ForwardedCertificate.parse(escaped)).isEqualTo(cert);
    }

    @Test
    void whatIsNotACertificateIsRefusedAsMalformed() throws Exception {
        String escaped = URLEncoder.encode(pem(), StandardCharsets.UTF_8);
        for (String bad : new String[]{escaped.substring(0, escaped.length() - 1) + "%", escaped + "%G1",
                escaped.replace("%2B", "%E9"), "caf\u00e9", ":!!:", "%0A"}) {
            assertThatThrownBy(() -> ForwardedCertificate.der(bad)).as(bad)
                    .isInstanceOfSatisfying(IdentityRefused.class,
                            e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.MALFORMED));
        }
        assertThatThrownBy(() -> ForwardedCertificate.der(" ")).isInstanceOfSatisfying(IdentityRefused.class,
                e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.MISSING));
    }

    @Test
    void aRememberedCertificateIsStillJudgedByTheClockEachTime() throws Exception {
        MutableClock clock = new MutableClock(TestPki.CLOCK.instant());
        DeviceCertificateTrust trust = new DeviceCertificateTrust(TestPki.ca().certificate(), clock);
        String fingerprint = DeviceIdentity.fingerprint(cert.getEncoded());
        assertThat(trust.checkEncoded(cert.getEncoded())).isEqualTo(fingerprint);
        assertThat(trust.check(cert)).isEqualTo(fingerprint);

        clock.now = cert.getNotAfter().toInstant().plusSeconds(1);
        assertThatThrownBy(() -> trust.checkEncoded(cert.getEncoded())).isInstanceOfSatisfying(IdentityRefused.class,
                e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.EXPIRED));
        assertThatThrownBy(() -> trust.check(cert)).isInstanceOfSatisfying(IdentityRefused.class,
                e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.EXPIRED));
    }

    @Test
    void aRememberedHeaderIsStillJudgedByTheClockAndAnUntrustedOneIsNeverRemembered() throws Exception {
        MutableClock clock = new MutableClock(TestPki.CLOCK.instant());
        DeviceCertificateTrust trust = new DeviceCertificateTrust(TestPki.ca().certificate(), clock);
        String header = URLEncoder.encode(pem(), StandardCharsets.UTF_8);
        String fingerprint = DeviceIdentity.fingerprint(cert.getEncoded());
        assertThat(trust.checkForwarded(header)).isEqualTo(fingerprint);
        assertThat(trust.checkForwarded(new String(header.toCharArray()))).as("the same text again").isEqualTo(fingerprint);

        String caHeader = ":" + Base64.getEncoder().encodeToString(TestPki.ca().certificate().getEncoded()) + ":";
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> trust.checkForwarded(caHeader)).isInstanceOfSatisfying(IdentityRefused.class,
                    e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.UNTRUSTED_ISSUER));
        }
        assertThatThrownBy(() -> trust.checkForwarded(header + "%G1")).isInstanceOfSatisfying(IdentityRefused.class,
                e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.MALFORMED));
        assertThatThrownBy(() -> trust.checkForwarded(null)).isInstanceOfSatisfying(IdentityRefused.class,
                e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.MISSING));

        clock.now = cert.getNotAfter().toInstant().plusSeconds(1);
        assertThatThrownBy(() -> trust.checkForwarded(header)).isInstanceOfSatisfying(IdentityRefused.class,
                e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.EXPIRED));
    }

    @Test
    void bytesThatAreNotACertificateOrNotIssuedHereAreRefused() throws Exception {
        DeviceCertificateTrust trust = new DeviceCertificateTrust(TestPki.ca().certificate(), TestPki.CLOCK);
        assertThatThrownBy(() -> trust.checkEncoded(new byte[]{0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOfSatisfying(IdentityRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.MALFORMED));
        assertThatThrownBy(() -> trust.checkEncoded(TestPki.ca().certificate().getEncoded()))
                .isInstanceOfSatisfying(IdentityRefused.class,
                        e -> assertThat(e.reason()).isEqualTo(IdentityRefused.Reason.UNTRUSTED_ISSUER));
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
