package io.latchkey.simulator.apple;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PKCSReq the simulator builds, taken apart with BouncyCastle, and CertReps read back. */
class ScepTransactionTest {

    private static final FakeScepCa CA = new FakeScepCa();

    @Test
    void builds_a_signed_pkcsreq_enveloped_to_the_ca_with_the_challenge() throws Exception {
        ScepTransaction tx = ScepTransaction.withNewKey(2048);
        X500Name subject = new X500Name("O=Latchkey tests, CN=alice@example.com");
        byte[] message = tx.pkcsReq(CA.certificate, tx.csr(subject, "one-time-code", 5));

        // Outer layer: SignedData, signed by the self-signed SCEP SIGNER certificate it carries.
        CMSSignedData signed = new CMSSignedData(message);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder signerCert = (X509CertificateHolder) signed.getCertificates()
                .getMatches(signer.getSID()).iterator().next();
        assertThat(signerCert.getSubject()).isEqualTo(new X500Name("CN=SCEP SIGNER"));
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signerCert))).isTrue();
        AttributeTable attrs = signer.getSignedAttributes();
        assertThat(text(attrs, ScepTransaction.MESSAGE_TYPE)).isEqualTo("19");
        assertThat(text(attrs, ScepTransaction.TRANSACTION_ID)).isEqualTo(tx.transactionId()).hasSize(64);
        assertThat(((ASN1OctetString) attrs.get(ScepTransaction.SENDER_NONCE).getAttrValues().getObjectAt(0))
                .getOctets()).isEqualTo(tx.senderNonce()).hasSize(16);

        // Inner layer: EnvelopedData for the CA certificate only, AES-128.
        CMSEnvelopedData env = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
        assertThat(env.getContentEncryptionAlgorithm().getAlgorithm()).isEqualTo(CMSAlgorithm.AES128_CBC);
        RecipientInformation recipient = env.getRecipientInfos().getRecipients().iterator().next();
        assertThat(env.getRecipientInfos().size()).isEqualTo(1);
        assertThat(((KeyTransRecipientId) recipient.getRID()).getSerialNumber())
                .isEqualTo(CA.certificate.getSerialNumber());
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                recipient.getContent(new JceKeyTransEnvelopedRecipient(CA.keys.getPrivate())));

        assertThat(csr.getSubject()).isEqualTo(subject);
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(tx.keys().getPublic().getEncoded());
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo())))
                .isTrue();
        var challenge = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword);
        assertThat(challenge).hasSize(1);
        assertThat(((ASN1String) challenge[0].getAttrValues().getObjectAt(0)).getString()).isEqualTo("one-time-code");
        Extensions requested = Extensions.getInstance(
                csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
        assertThat(KeyUsage.fromExtensions(requested).hasUsages(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .isTrue();
        assertThat(requested.getExtension(Extension.keyUsage).isCritical()).isTrue();
    }

    @Test
    void legacy_cas_get_sha1_and_3des() {
        assertThat(ScepTransaction.Algorithms.from(Set.of("POSTPKIOperation")))
                .isEqualTo(ScepTransaction.Algorithms.LEGACY);
        assertThat(ScepTransaction.Algorithms.from(Set.of("SCEPStandard"))).isEqualTo(ScepTransaction.Algorithms.MODERN);
    }

    @Test
    void reads_a_successful_certrep_and_puts_its_own_certificate_first() throws Exception {
        ScepTransaction tx = ScepTransaction.withNewKey(2048);
        CA.allow("ok");
        byte[] reply = CA.pkiOperation(tx.pkcsReq(CA.certificate, tx.csr("CN=device", "ok")));

        ScepTransaction.CertRep rep = tx.read(reply, List.of(CA.certificate));

        assertThat(rep.success()).isTrue();
        assertThat(rep.messageType()).isEqualTo("3");
        assertThat(rep.transactionId()).isEqualTo(tx.transactionId());
        assertThat(rep.recipientNonce()).isEqualTo(tx.senderNonce());
        // The fake CA lists itself first; the reader still returns the device's certificate first.
        assertThat(rep.certificates()).hasSize(2);
        assertThat(rep.certificates().getFirst().getPublicKey()).isEqualTo(tx.keys().getPublic());
        assertThat(rep.certificates().getFirst().getSubjectX500Principal().getName()).isEqualTo("CN=device");
    }

    @Test
    void reads_a_failure_and_refuses_a_reply_the_ca_did_not_sign() throws Exception {
        ScepTransaction tx = ScepTransaction.withNewKey(2048);
        byte[] refused = CA.pkiOperation(tx.pkcsReq(CA.certificate, tx.csr("CN=device", "never-issued")));

        ScepTransaction.CertRep rep = tx.read(refused, List.of(CA.certificate));
        assertThat(rep.success()).isFalse();
        assertThat(rep.pkiStatus()).isEqualTo("2");
        assertThat(rep.failInfo()).isEqualTo("2");
        assertThat(rep.certificates()).isEmpty();

        FakeScepCa other = new FakeScepCa();
        assertThatThrownBy(() -> tx.read(refused, List.of(other.certificate))).isInstanceOf(ScepException.class)
                .hasMessageContaining("does not verify");
    }

    private static String text(AttributeTable a, ASN1ObjectIdentifier oid) {
        return ((ASN1String) a.get(oid).getAttrValues().getObjectAt(0)).getString();
    }
}
