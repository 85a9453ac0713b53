package io.latchkey.channel.apple.scep;

import io.latchkey.ca.Bc;
import io.latchkey.ca.CaIdentity;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes CertRep messages (RFC 8894 §3.3.2): a SignedData signed by the CA whose authenticated
 * attributes carry messageType CertRep, pkiStatus, the request's transactionID, a fresh senderNonce
 * and the request's senderNonce as recipientNonce. On SUCCESS the content is an EnvelopedData,
 * encrypted to the requester's certificate, of a degenerate certificates-only SignedData holding the
 * issued certificate first, then the CA (shared/reference/apple-mdm.md §5: clients take the first).
 * On FAILURE there is no content and failInfo says why.
 */
final class CertRepWriter {

    /** Algorithms a reply may mirror; anything else gets the RFC 8894 baseline (SHA-256, AES-128). */
    private static final Map<ASN1ObjectIdentifier, String> SIGNATURES = Map.of(
            OIWObjectIdentifiers.idSHA1, "SHA1withRSA",
            NISTObjectIdentifiers.id_sha256, "SHA256withRSA",
            NISTObjectIdentifiers.id_sha512, "SHA512withRSA");
    private static final Set<ASN1ObjectIdentifier> CIPHERS = Set.of(CMSAlgorithm.AES128_CBC, CMSAlgorithm.AES192_CBC,
            CMSAlgorithm.AES256_CBC, CMSAlgorithm.DES_EDE3_CBC, CMSAlgorithm.DES_CBC);

    private final CaIdentity ca;
    private final SecureRandom random = new SecureRandom();

    CertRepWriter(CaIdentity ca) {
        this.ca = ca;
    }

    /**
     * Mirrors the request's algorithms: a client that signed with SHA-1 or encrypted with DES can
     * read a reply made the same way, whatever it would make of SHA-256 and AES.
     */
    byte[] success(PkiRequest request, ASN1ObjectIdentifier requestCipher, X509Certificate issued) {
        try {
            CMSSignedDataGenerator certsOnly = new CMSSignedDataGenerator();
            certsOnly.addCertificates(new JcaCertStore(List.of(issued, ca.certificate())));
            byte[] degenerate = certsOnly.generate(new CMSAbsentContent()).getEncoded();
            CMSEnvelopedDataGenerator envelope = new CMSEnvelopedDataGenerator();
            X509Certificate recipient = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER)
                    .getCertificate(request.signer());
            envelope.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient).setProvider(Bc.PROVIDER));
            ASN1ObjectIdentifier cipher = CIPHERS.contains(requestCipher) ? requestCipher : CMSAlgorithm.AES128_CBC;
            byte[] enveloped = envelope.generate(new CMSProcessableByteArray(degenerate),
                    new JceCMSContentEncryptorBuilder(cipher).setProvider(Bc.PROVIDER).build()).getEncoded();
            return signed(request, new CMSProcessableByteArray(enveloped), ScepAttributes.SUCCESS, null, null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the SCEP CertRep", e);
        }
    }

    byte[] failure(PkiRequest request, FailInfo failInfo, String reason) {
        try {
            return signed(request, new CMSAbsentContent(), ScepAttributes.FAILURE, failInfo, reason);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the SCEP CertRep", e);
        }
    }

    private byte[] signed(PkiRequest request, CMSTypedData content, String status, FailInfo failInfo, String reason)
            throws Exception {
        ASN1EncodableVector attrs = new ASN1EncodableVector();
        attrs.add(attribute(ScepAttributes.MESSAGE_TYPE, new DERPrintableString(ScepAttributes.CERT_REP)));
        attrs.add(attribute(ScepAttributes.PKI_STATUS, new DERPrintableString(status)));
        attrs.add(attribute(ScepAttributes.TRANSACTION_ID, new DERPrintableString(request.transactionId())));
        attrs.add(attribute(ScepAttributes.SENDER_NONCE, new DEROctetString(nonce())));
        attrs.add(attribute(ScepAttributes.RECIPIENT_NONCE, new DEROctetString(request.senderNonce())));
        if (failInfo != null) {
            attrs.add(attribute(ScepAttributes.FAIL_INFO, new DERPrintableString(failInfo.code())));
            attrs.add(attribute(ScepAttributes.FAIL_INFO_TEXT, new DERUTF8String(reason)));
        }
        String algorithm = SIGNATURES.getOrDefault(digestOf(request), "SHA256withRSA");
        var signer = new JcaContentSignerBuilder(algorithm).setProvider(Bc.PROVIDER).build(ca.privateKey());
        var signerInfo = new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                .build(signer, ca.certificate());
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(signerInfo);
        gen.addCertificate(new X509CertificateHolder(ca.certificate().getEncoded()));
        return gen.generate(content, !(content instanceof CMSAbsentContent)).getEncoded();
    }

    private static ASN1ObjectIdentifier digestOf(PkiRequest request) {
        AlgorithmIdentifier d = request.digestAlgorithm();
        return d == null ? null : d.getAlgorithm();
    }

    private byte[] nonce() {
        byte[] n = new byte[16];
        random.nextBytes(n);
        return n;
    }

    private static Attribute attribute(ASN1ObjectIdentifier oid, org.bouncycastle.asn1.ASN1Encodable value) {
        return new Attribute(oid, new DERSet(value));
    }
}
