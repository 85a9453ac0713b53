package io.latchkey.channel.apple.scep;

import io.latchkey.ca.DeviceCertificateIssuer;
import io.latchkey.ca.TestPki;
import io.latchkey.core.Rejected;
import io.latchkey.simulator.apple.ScepTransaction;
import io.latchkey.simulator.apple.ScepTransaction.Algorithms;
import io.latchkey.simulator.apple.ScepTransaction.CertRep;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** End to end in-process: the simulator's {@link ScepTransaction} plays the device, the responder plays the CA. */
class ScepResponderTest {

    private static final X509Certificate CA = TestPki.ca().certificate();
    private final InMemoryChallenges challenges = new InMemoryChallenges();
    private final ScepResponder scep = new ScepResponder(TestPki.ca(), challenges,
            new DeviceCertificateIssuer(TestPki.ca(), Duration.ofDays(365), TestPki.CLOCK), TestPki.CLOCK);

    private ScepTransaction device() {
        return new ScepTransaction(TestPki.deviceKeys(), TestPki.selfSigned(TestPki.deviceKeys(), "SCEP SIGNER"));
    }

    private String challengeFor(String user) {
        OneTimeChallenge c = OneTimeChallenge.issue(user, Duration.ofHours(1), TestPki.CLOCK);
        challenges.save(c);
        return c.value();
    }

    @Test
    void caps_and_ca_certificate() throws Exception {
        assertThat(scep.capabilities().split("\n"))
                .contains("POSTPKIOperation", "SHA-256", "AES", "SCEPStandard").doesNotContain("Renewal");
        var parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(scep.caCertificate()));
        assertThat(parsed).isEqualTo(CA);
        assertThat(ScepResponder.CA_CERT_CONTENT_TYPE).isEqualTo("application/x-x509-ca-cert");
    }

    @Test
    void pkcs_req_with_a_valid_challenge_issues_a_device_identity() throws Exception {
        ScepTransaction device = device();
        byte[] request = device.pkcsReq(CA, device.csr("CN=iPhone of Alice,O=Latchkey", challengeFor("alice")));

        ScepReply reply = scep.pkiOperation(request);

        assertThat(reply.failure()).isEmpty();
        assertThat(reply.issued()).get().satisfies(i -> {
            assertThat(i.userId()).isEqualTo("alice");
            assertThat(i.transactionId()).isEqualTo(device.transactionId());
        });
        CertRep rep = device.read(reply.body(), List.of(CA));
        assertThat(rep.messageType()).isEqualTo("3");
        assertThat(rep.pkiStatus()).isEqualTo("0");
        assertThat(rep.transactionId()).isEqualTo(device.transactionId());
        assertThat(rep.recipientNonce()).isEqualTo(device.senderNonce());
        assertThat(rep.senderNonce()).hasSize(16).isNotEqualTo(device.senderNonce());

        X509Certificate issued = rep.certificates().getFirst();
        assertThat(issued).isEqualTo(reply.issued().get().certificate());
        assertThat(rep.certificates()).contains(CA);
        issued.verify(CA.getPublicKey());
        issued.checkValidity(java.util.Date.from(TestPki.NOW));
        assertThat(issued.getPublicKey()).isEqualTo(TestPki.deviceKeys().getPublic());
        assertThat(issued.getSubjectX500Principal().getName()).contains("CN=iPhone of Alice");
        assertThat(issued.getIssuerX500Principal()).isEqualTo(CA.getSubjectX500Principal());
        assertThat(issued.getExtendedKeyUsage()).containsExactly(KeyPurposeId.id_kp_clientAuth.getId());
        assertThat(issued.getBasicConstraints()).isEqualTo(-1);
        assertThat(Duration.between(TestPki.NOW, issued.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(365));
        // Chains to the CA under PKIX too, as the identity check will require.
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(issued));
        var params = new java.security.cert.PKIXParameters(java.util.Set.of(new java.security.cert.TrustAnchor(CA, null)));
        params.setRevocationEnabled(false);
        params.setDate(java.util.Date.from(TestPki.NOW));
        java.security.cert.CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    @Test
    void serials_are_random_and_distinct() throws Exception {
        ScepTransaction device = device();
        var a = scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=a", challengeFor("u")))).issued().orElseThrow();
        var b = scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=b", challengeFor("u")))).issued().orElseThrow();
        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
        assertThat(a.certificate().getSerialNumber().bitLength()).isGreaterThan(64).isLessThanOrEqualTo(159);
    }

    @Test
    void legacy_clients_with_3des_and_sha1_are_answered_in_kind() throws Exception {
        ScepTransaction device = device();
        ScepReply reply = scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=old", challengeFor("bob")),
                new Algorithms("SHA1withRSA", CMSAlgorithm.DES_EDE3_CBC), ScepTransaction.PKCS_REQ));
        CertRep rep = device.read(reply.body(), List.of(CA));
        assertThat(rep.pkiStatus()).isEqualTo("0");
        assertThat(rep.certificates()).isNotEmpty();
    }

    @Test
    void wrong_challenge_fails_with_bad_request() throws Exception {
        challengeFor("alice");
        ScepTransaction device = device();
        assertFailure(device, scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=x", "guessed"))), FailInfo.BAD_REQUEST);
        assertFailure(device, scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=x", null))), FailInfo.BAD_REQUEST);
    }

    @Test
    void a_challenge_is_good_once() throws Exception {
        String challenge = challengeFor("alice");
        ScepTransaction device = device();
        assertThat(scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=x", challenge))).issued()).isPresent();
        assertFailure(device, scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=x", challenge))), FailInfo.BAD_REQUEST);
    }

    @Test
    void an_expired_challenge_fails() throws Exception {
        OneTimeChallenge old = OneTimeChallenge.issue("alice", Duration.ofHours(-1), TestPki.CLOCK);
        challenges.save(old);
        ScepTransaction device = device();
        assertFailure(device, scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=x", old.value()))), FailInfo.BAD_REQUEST);
    }

    @Test
    void a_tampered_signature_fails_with_bad_message_check_and_keeps_the_challenge() throws Exception {
        String challenge = challengeFor("alice");
        ScepTransaction device = device();
        // Signed by a key that is not the one in the carried certificate.
        ScepTransaction impostor = new ScepTransaction(TestPki.rsa(2048), device.signerCertificate());
        byte[] request = impostor.pkcsReq(CA, device.csr("CN=x", challenge));
        ScepReply reply = scep.pkiOperation(request);
        assertThat(reply.failure()).contains(FailInfo.BAD_MESSAGE_CHECK);
        assertThat(device.read(reply.body(), List.of(CA)).pkiStatus()).isEqualTo("2");
        assertThat(scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=x", challenge))).issued()).isPresent();
    }

    @Test
    void a_request_encrypted_to_another_ca_fails_with_bad_message_check() throws Exception {
        ScepTransaction device = device();
        byte[] request = device.pkcsReq(TestPki.foreignCa().certificate(), device.csr("CN=x", challengeFor("a")));
        assertFailure(device, scep.pkiOperation(request), FailInfo.BAD_MESSAGE_CHECK);
    }

    @Test
    void renewal_and_other_message_types_fail_with_bad_request() throws Exception {
        ScepTransaction device = device();
        assertFailure(device, scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=x", challengeFor("a")),
                Algorithms.MODERN, "17")), FailInfo.BAD_REQUEST);
    }

    @Test
    void small_keys_fail_with_bad_alg() throws Exception {
        var small = TestPki.rsa(1024);
        ScepTransaction device = new ScepTransaction(small, TestPki.selfSigned(small, "SCEP SIGNER"));
        assertFailure(device, scep.pkiOperation(device.pkcsReq(CA, device.csr("CN=x", challengeFor("a")))),
                FailInfo.BAD_ALG);
    }

    @Test
    void garbage_is_a_malformed_request_for_a_400() {
        for (byte[] body : new byte[][] {new byte[0], "hello".getBytes(StandardCharsets.US_ASCII), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}}) {
            assertThatThrownBy(() -> scep.pkiOperation(body)).isInstanceOfSatisfying(MalformedScepRequest.class,
                    e -> assertThat(e.kind()).isEqualTo(Rejected.Kind.INVALID));
        }
    }

    private static void assertFailure(ScepTransaction device, ScepReply reply, FailInfo expected) throws Exception {
        assertThat(reply.issued()).isEmpty();
        assertThat(reply.failure()).contains(expected);
        CertRep rep = device.read(reply.body(), List.of(CA));
        assertThat(rep.messageType()).isEqualTo("3");
        assertThat(rep.pkiStatus()).isEqualTo("2");
        assertThat(rep.failInfo()).isEqualTo(expected.code());
        assertThat(rep.transactionId()).isEqualTo(device.transactionId());
        assertThat(rep.recipientNonce()).isEqualTo(device.senderNonce());
        assertThat(rep.certificates()).isEmpty();
    }
}
