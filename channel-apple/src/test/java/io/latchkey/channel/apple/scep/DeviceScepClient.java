package io.latchkey.channel.apple.scep;

import io.latchkey.channel.apple.pki.Bc;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Plays the device side of SCEP with BouncyCastle, as an iPhone or mdmb would: a CSR with the
 * challenge, enveloped to the CA certificate, signed with the device's new key under a self-signed
 * certificate (shared/reference/apple-mdm.md §5, "Clients in the wild"), and a reader for CertRep.
 */
final class DeviceScepClient {

    final KeyPair keys;
    final X509Certificate signerCert;
    final byte[] senderNonce = new byte[16];
    final String transactionId;
    String signatureAlgorithm = "SHA256withRSA";
    ASN1ObjectIdentifier cipher = org.bouncycastle.cms.CMSAlgorithm.AES128_CBC;
    String messageType = "19";

    DeviceScepClient(KeyPair keys, X509Certificate signerCert) {
        this.keys = keys;
        this.signerCert = signerCert;
        new SecureRandom().nextBytes(senderNonce);
        this.transactionId = HexFormat.of().formatHex(keys.getPublic().getEncoded(), 0, 20);
    }

    byte[] csr(String subject, String challenge) throws Exception {
        var b = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
        if (challenge != null) {
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERUTF8String(challenge));
        }
        return b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(keys.getPrivate()))
                .getEncoded();
    }

    byte[] pkcsReq(X509Certificate recipient, byte[] csr) throws Exception {
        CMSEnvelopedDataGenerator env = new CMSEnvelopedDataGenerator();
        env.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient).setProvider(Bc.PROVIDER));
        byte[] enveloped = env.generate(new CMSProcessableByteArray(csr),
                new JceCMSContentEncryptorBuilder(cipher).setProvider(Bc.PROVIDER).build()).getEncoded();
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(new Attribute(ScepAttributes.MESSAGE_TYPE, new DERSet(new DERPrintableString(messageType))));
        attrs.add(new Attribute(ScepAttributes.TRANSACTION_ID, new DERSet(new DERPrintableString(transactionId))));
        attrs.add(new Attribute(ScepAttributes.SENDER_NONCE, new DERSet(new DEROctetString(senderNonce))));
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(Bc.PROVIDER).build(keys.getPrivate()),
                        signerCert));
        gen.addCertificates(new JcaCertStore(List.of(signerCert)));
        return gen.generate(new CMSProcessableByteArray(enveloped), true).getEncoded();
    }

    /** A CertRep as the device reads it: signature checked against the CA, attributes, certificates. */
    record CertRep(String messageType, String status, String failInfo, String transactionId, byte[] recipientNonce,
                   byte[] senderNonce, List<X509Certificate> certificates) {
    }

    CertRep read(byte[] reply, X509Certificate ca) throws Exception {
        CMSSignedData signed = new CMSSignedData(reply);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER).build(ca))) {
            throw new AssertionError("CertRep signature does not verify with the CA certificate");
        }
        AttributeTable a = signer.getSignedAttributes();
        List<X509Certificate> certs = new ArrayList<>();
        if (signed.getSignedContent() != null) {
            CMSEnvelopedData env = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
            byte[] degenerate = env.getRecipientInfos().getRecipients().iterator().next()
                    .getContent(new JceKeyTransEnvelopedRecipient(keys.getPrivate()).setProvider(Bc.PROVIDER));
            for (Object h : new CMSSignedData(degenerate).getCertificates().getMatches(null)) {
                certs.add(new JcaX509CertificateConverter().setProvider(Bc.PROVIDER)
                        .getCertificate((X509CertificateHolder) h));
            }
        }
        return new CertRep(str(a, ScepAttributes.MESSAGE_TYPE), str(a, ScepAttributes.PKI_STATUS),
                str(a, ScepAttributes.FAIL_INFO), str(a, ScepAttributes.TRANSACTION_ID),
                oct(a, ScepAttributes.RECIPIENT_NONCE), oct(a, ScepAttributes.SENDER_NONCE), certs);
    }

    private static String str(AttributeTable a, ASN1ObjectIdentifier oid) {
        var attr = a.get(oid);
        return attr == null ? null : ((ASN1String) attr.getAttrValues().getObjectAt(0)).getString();
    }

    private static byte[] oct(AttributeTable a, ASN1ObjectIdentifier oid) {
        var attr = a.get(oid);
        return attr == null ? null : ((ASN1OctetString) attr.getAttrValues().getObjectAt(0)).getOctets();
    }
}
