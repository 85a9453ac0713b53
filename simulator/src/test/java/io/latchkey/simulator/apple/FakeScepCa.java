package io.latchkey.simulator.apple;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SCEP CA for tests, the server side of RFC 8894 written with BouncyCastle: opens a
 * PKCSReq, checks the challenge (one use each), issues a certificate and answers with a CertRep.
 */
final class FakeScepCa {

    /** What a PKCSReq carried, as the CA read it. */
    record Received(X509Certificate signer, boolean signatureValid, String messageType, String transactionId,
                    byte[] senderNonce, ASN1ObjectIdentifier cipher, PKCS10CertificationRequest csr,
                    String challenge) {
    }

    final KeyPair keys = Crypto.rsa(2048);
    final X509Certificate certificate;
    private final Set<String> challenges = ConcurrentHashMap.newKeySet();
    private final AtomicLong serials = new AtomicLong(100);

    FakeScepCa() {
        try {
            X500Name name = new X500Name("CN=Fake device CA, O=Latchkey tests");
            Instant now = Instant.now();
            var b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(600)),
                    Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            certificate = convert(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void allow(String challenge) {
        challenges.add(challenge);
    }

    Received open(byte[] message) throws Exception {
        CMSSignedData signed = new CMSSignedData(message);
        SignerInformation si = signed.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder holder = (X509CertificateHolder) signed.getCertificates().getMatches(si.getSID())
                .iterator().next();
        X509Certificate signer = convert(holder);
        boolean valid = si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(signer.getPublicKey()));
        AttributeTable a = si.getSignedAttributes();
        CMSEnvelopedData env = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
        RecipientInformation r = env.getRecipientInfos().getRecipients().iterator().next();
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(
                r.getContent(new JceKeyTransEnvelopedRecipient(keys.getPrivate())));
        String challenge = null;
        for (var attr : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
            challenge = ((ASN1String) attr.getAttrValues().getObjectAt(0)).getString();
        }
        return new Received(signer, valid, text(a, ScepTransaction.MESSAGE_TYPE), text(a, ScepTransaction.TRANSACTION_ID),
                ((ASN1OctetString) a.get(ScepTransaction.SENDER_NONCE).getAttrValues().getObjectAt(0)).getOctets(),
                env.getContentEncryptionAlgorithm().getAlgorithm(), csr, challenge);
    }

    /** PKIOperation: SUCCESS with a certificate when the challenge is one allowed and unused, else FAILURE badRequest. */
    byte[] pkiOperation(byte[] message) throws Exception {
        Received r = open(message);
        if (!r.signatureValid() || r.challenge() == null || !challenges.remove(r.challenge())) {
            return certRep(r, null);
        }
        return certRep(r, issue(r.csr()));
    }

    X509Certificate issue(PKCS10CertificationRequest csr) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(X500Name.getInstance(certificate.getSubjectX500Principal()
                .getEncoded()), BigInteger.valueOf(serials.incrementAndGet()), Date.from(now.minusSeconds(600)),
                Date.from(now.plus(Duration.ofDays(1))), csr.getSubject(), csr.getSubjectPublicKeyInfo());
        return convert(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    /** SUCCESS with {@code issued} and this CA's certificate, encrypted to the requester; FAILURE when null. */
    byte[] certRep(Received r, X509Certificate issued) throws Exception {
        CMSTypedData content = new CMSAbsentContent();
        if (issued != null) {
            CMSSignedDataGenerator certsOnly = new CMSSignedDataGenerator();
            certsOnly.addCertificates(new JcaCertStore(List.of(certificate, issued)));
            byte[] degenerate = certsOnly.generate(new CMSAbsentContent()).getEncoded();
            CMSEnvelopedDataGenerator env = new CMSEnvelopedDataGenerator();
            env.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(r.signer()));
            content = new CMSProcessableByteArray(env.generate(new CMSProcessableByteArray(degenerate),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).build()).getEncoded());
        }
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(attribute(ScepTransaction.MESSAGE_TYPE, new DERPrintableString("3")));
        attrs.add(attribute(ScepTransaction.PKI_STATUS, new DERPrintableString(issued != null ? "0" : "2")));
        if (issued == null) {
            attrs.add(attribute(ScepTransaction.FAIL_INFO, new DERPrintableString("2")));
        }
        attrs.add(attribute(ScepTransaction.TRANSACTION_ID, new DERPrintableString(r.transactionId())));
        attrs.add(attribute(ScepTransaction.RECIPIENT_NONCE, new DEROctetString(r.senderNonce())));
        attrs.add(attribute(ScepTransaction.SENDER_NONCE, new DEROctetString(new byte[16])));
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()), certificate));
        gen.addCertificates(new JcaCertStore(List.of(certificate)));
        return gen.generate(content, issued != null).getEncoded();
    }

    private static Attribute attribute(ASN1ObjectIdentifier oid, org.bouncycastle.asn1.ASN1Encodable value) {
        return new Attribute(oid, new DERSet(value));
    }

    private static String text(AttributeTable a, ASN1ObjectIdentifier oid) {
        var attr = a.get(oid);
        return attr == null ? null : ((ASN1String) attr.getAttrValues().getObjectAt(0)).getString();
    }

    private static X509Certificate convert(X509CertificateHolder h) throws Exception {
        return new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(h);
    }
}
