package io.latchkey.server.apple;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * The device side of SCEP with BouncyCastle, as an iPhone does it (trimmed from channel-apple's
 * test client): a new 2048-bit key, a self-signed "SCEP SIGNER" certificate, a CSR with the
 * challenge enveloped to the CA and signed; and a reader for the CertRep.
 */
final class ScepDevice {
    private static final Provider BC = new BouncyCastleProvider();
    private static final ASN1ObjectIdentifier MESSAGE_TYPE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.2");
    private static final ASN1ObjectIdentifier PKI_STATUS = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.3");
    private static final ASN1ObjectIdentifier FAIL_INFO = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.4");
    private static final ASN1ObjectIdentifier SENDER_NONCE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.5");
    private static final ASN1ObjectIdentifier TRANSACTION_ID = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.7");

    final KeyPair keys;
    private final X509Certificate signer;
    private final String transactionId;

    ScepDevice() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        this.keys = gen.generateKeyPair();
        X500Name name = new X500Name("CN=SCEP SIGNER");
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        this.signer = new JcaX509CertificateConverter().setProvider(BC).getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(keys.getPrivate())));
        this.transactionId = HexFormat.of().formatHex(keys.getPublic().getEncoded(), 0, 20);
    }

    /** A PKCSReq for {@code subject} with {@code challenge} as challengePassword, enveloped to {@code ca}. */
    byte[] pkcsReq(X509Certificate ca, String subject, String challenge) throws Exception {
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERUTF8String(challenge))
                .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(keys.getPrivate()))
                .getEncoded();
        CMSEnvelopedDataGenerator env = new CMSEnvelopedDataGenerator();
        env.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(ca).setProvider(BC));
        byte[] enveloped = env.generate(new CMSProcessableByteArray(csr),
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BC).build()).getEncoded();
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(new Attribute(MESSAGE_TYPE, new DERSet(new DERPrintableString("19"))));
        attrs.add(new Attribute(TRANSACTION_ID, new DERSet(new DERPrintableString(transactionId))));
        attrs.add(new Attribute(SENDER_NONCE, new DERSet(new DEROctetString(nonce))));
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(BC).build(keys.getPrivate()), signer));
        gen.addCertificates(new JcaCertStore(List.of(signer)));
        return gen.generate(new CMSProcessableByteArray(enveloped), true).getEncoded();
    }

    /** A CertRep as the device reads it: pkiStatus 0 = SUCCESS, 2 = FAILURE; certificates when SUCCESS. */
    record CertRep(String messageType, String status, String failInfo, String transactionId,
                   List<X509Certificate> certificates) {
    }

    CertRep read(byte[] reply, X509Certificate ca) throws Exception {
        CMSSignedData signed = new CMSSignedData(reply);
        SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();
        if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(ca))) {
            throw new AssertionError("CertRep signature does not verify with the CA certificate");
        }
        AttributeTable a = info.getSignedAttributes();
        List<X509Certificate> certs = new ArrayList<>();
        if (signed.getSignedContent() != null) {
            CMSEnvelopedData env = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
            byte[] degenerate = env.getRecipientInfos().getRecipients().iterator().next()
                    .getContent(new JceKeyTransEnvelopedRecipient(keys.getPrivate()).setProvider(BC));
            for (Object h : new CMSSignedData(degenerate).getCertificates().getMatches(null)) {
                certs.add(new JcaX509CertificateConverter().setProvider(BC).getCertificate((X509CertificateHolder) h));
            }
        }
        return new CertRep(text(a, MESSAGE_TYPE), text(a, PKI_STATUS), text(a, FAIL_INFO), text(a, TRANSACTION_ID),
                certs);
    }

    String transactionId() {
        return transactionId;
    }

    private static String text(AttributeTable a, ASN1ObjectIdentifier oid) {
        var attr = a.get(oid);
        return attr == null ? null : ((ASN1String) attr.getAttrValues().getObjectAt(0)).getString();
    }
}
