package io.latchkey.channel.apple.identity;

import io.latchkey.channel.apple.AppleFixtures;
import io.latchkey.channel.apple.identity.IdentityRefused.Reason;
import io.latchkey.ca.CaIdentity;
import io.latchkey.channel.apple.pki.TestIdentities;
import io.latchkey.ca.TestPki;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A device signs its check-in body with its SCEP identity, as mdmb does (jessepeterson/mdmb protocol/transport.go). */
class MdmSignatureVerifierTest {

    private static final byte[] BODY = AppleFixtures.bytes("TokenUpdate.1.plist");
    private final MdmSignatureVerifier verifier = new MdmSignatureVerifier(
            new DeviceCertificateTrust(TestPki.ca().certificate(), TestPki.CLOCK));

    @Test
    void a_body_signed_by_an_enrolled_identity_is_accepted() {
        X509Certificate identity = issue(TestPki.ca(), TestPki.CLOCK, Duration.ofDays(365));
        assertThat(verifier.verify(sign(BODY, identity, "SHA256withRSA"), BODY)).isEqualTo(identity);
        // Some clients still use SHA-1 (shared/reference/apple-mdm.md §5).
        assertThat(verifier.verify(sign(BODY, identity, "SHA1withRSA"), BODY)).isEqualTo(identity);
        // The check-in path: the same verification, answered with the identity's fingerprint.
        String fingerprint = io.latchkey.core.enrollment.DeviceIdentity.fingerprint(encoded(identity));
        assertThat(verifier.verifiedFingerprint(sign(BODY, identity, "SHA256withRSA"), BODY)).isEqualTo(fingerprint);
        assertThat(verifier.verifiedFingerprint(sign(BODY, identity, "SHA256withRSA"), BODY)).isEqualTo(fingerprint);
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_tampered_body_is_refused() {
        X509Certificate identity = issue(TestPki.ca(), TestPki.CLOCK, Duration.ofDays(365));
        String header = sign(BODY, identity, "SHA256withRSA");
        byte[] tampered = BODY.clone();
        tampered[tampered.length / 2] ^= 1;
        assertRefused(header, tampered, Reason.BAD_SIGNATURE);
        assertRefused(header, AppleFixtures.bytes("TokenUpdate.2.plist"), Reason.BAD_SIGNATURE);
    }

    @Test
    void an_identity_from_a_foreign_ca_is_refused() {
        X509Certificate foreign = issue(TestPki.foreignCa(), TestPki.CLOCK, Duration.ofDays(365));
        assertRefused(sign(BODY, foreign, "SHA256withRSA"), BODY, Reason.UNTRUSTED_ISSUER);
    }

    @Test
    void expired_and_future_identities_are_refused() {
        Clock longAgo = Clock.fixed(TestPki.NOW.minus(Duration.ofDays(400)), ZoneOffset.UTC);
        assertRefused(sign(BODY, issue(TestPki.ca(), longAgo, Duration.ofDays(365)), "SHA256withRSA"), BODY,
                Reason.EXPIRED);
        Clock later = Clock.fixed(TestPki.NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC);
        assertRefused(sign(BODY, issue(TestPki.ca(), later, Duration.ofDays(365)), "SHA256withRSA"), BODY,
                Reason.NOT_YET_VALID);
    }

    @Test
    void the_ca_certificate_itself_is_not_an_identity() {
        assertRefused(sign(BODY, TestPki.ca().certificate(), TestPki.ca().privateKey(), "SHA256withRSA"), BODY,
                Reason.UNTRUSTED_ISSUER);
    }

    @Test
    void garbage_and_missing_headers_are_refused() {
        assertRefused("not base64 at all!", BODY, Reason.MALFORMED);
        assertRefused(Base64.getEncoder().encodeToString("hello".getBytes()), BODY, Reason.MALFORMED);
        assertRefused(null, BODY, Reason.MISSING);
        assertRefused(" ", BODY, Reason.MISSING);
        assertThat(Reason.MALFORMED.httpStatus()).isEqualTo(401);
        assertThat(Reason.UNTRUSTED_ISSUER.httpStatus()).isEqualTo(403);
    }

    private void assertRefused(String header, byte[] body, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(header, body))
                .isInstanceOfSatisfying(IdentityRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThatThrownBy(() -> verifier.verifiedFingerprint(header, body))
                .isInstanceOfSatisfying(IdentityRefused.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static X509Certificate issue(CaIdentity ca, Clock clock, Duration validity) {
        return TestIdentities.issue(ca, clock, validity);
    }

    private static String sign(byte[] body, X509Certificate cert, String algorithm) {
        return TestIdentities.sign(body, cert, algorithm);
    }

    private static String sign(byte[] body, X509Certificate cert, java.security.PrivateKey key, String algorithm) {
        return TestIdentities.sign(body, cert, key, algorithm);
    }
}
