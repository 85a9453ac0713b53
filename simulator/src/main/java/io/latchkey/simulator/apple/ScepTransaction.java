package io.latchkey.simulator.apple;

import org.bouncycastle.asn1.ASN1Encodable;
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
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The requester's side of one SCEP enrollment (RFC 8894), as an Apple device does it: a new key, a
 * self-signed "SCEP SIGNER" certificate, a PKCS#10 request carrying the challenge, enveloped to the
 * CA and signed (PKCSReq, §3.3.1); then the CertRep read back (§3.3.2). Pure messages, no HTTP:
 * {@link ScepClient} moves them.
 */
public final class ScepTransaction {

    static final ASN1ObjectIdentifier MESSAGE_TYPE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.2");
    static final ASN1ObjectIdentifier PKI_STATUS = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.3");
    static final ASN1ObjectIdentifier FAIL_INFO = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.4");
    static final ASN1ObjectIdentifier SENDER_NONCE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.5");
    static final ASN1ObjectIdentifier RECIPIENT_NONCE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.6");
    static final ASN1ObjectIdentifier TRANSACTION_ID = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.7");
    static final ASN1ObjectIdentifier FAIL_INFO_TEXT = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.24.1");

    /** messageType PKCSReq (RFC 8894 §3.2.1.2). */
    public static final String PKCS_REQ = "19";

    /**
     * The signature and content cipher of a request. RFC 8894's baseline is SHA-256 and AES; older
     * CAs get SHA-1 and 3DES, as clients in the wild do (shared/reference/apple-mdm.md §5).
     */
    public record Algorithms(String signature, ASN1ObjectIdentifier cipher) {
        public static final Algorithms MODERN = new Algorithms("SHA256withRSA", CMSAlgorithm.AES128_CBC);
        public static final Algorithms LEGACY = new Algorithms("SHA1withRSA", CMSAlgorithm.DES_EDE3_CBC);

        /** What a device picks from GetCACaps (§3.5.2): SCEPStandard implies SHA-256 and AES. */
        public static Algorithms from(Set<String> caps) {
            boolean standard = caps.contains("SCEPStandard");
            String signature = standard || caps.contains("SHA-256") ? "SHA256withRSA" : "SHA1withRSA";
            ASN1ObjectIdentifier cipher = standard || caps.contains("AES") ? CMSAlgorithm.AES128_CBC
                    : CMSAlgorithm.DES_EDE3_CBC;
            return new Algorithms(signature, cipher);
        }
    }

    /**
     * A CertRep as the requester reads it, its signature already checked.
     *
     * @param pkiStatus    "0" SUCCESS, "2" FAILURE, "3" PENDING
     * @param certificates from the decrypted degenerate SignedData, the one for this key first; empty unless SUCCESS
     */
    public record CertRep(String messageType, String pkiStatus, String failInfo, String failInfoText,
                          String transactionId, byte[] recipientNonce, byte[] senderNonce,
                          List<X509Certificate> certificates) {
        public boolean success() {
            return "0".equals(pkiStatus);
        }
    }

    private final KeyPair keys;
    private final X509Certificate signer;
    private final String transactionId;
    private final byte[] senderNonce = new byte[16];

    public ScepTransaction(KeyPair keys, X509Certificate signerCertificate) {
        this.keys = keys;
        this.signer = signerCertificate;
        new SecureRandom().nextBytes(senderNonce);
        this.transactionId = transactionIdOf(keys);
    }

    /** A new RSA key of {@code bits} and its self-signed "SCEP SIGNER" certificate. */
    public static ScepTransaction withNewKey(int bits) {
        KeyPair keys = Crypto.rsa(bits);
        return new ScepTransaction(keys, Crypto.selfSigned(keys, "CN=SCEP SIGNER", Duration.ofDays(1)));
    }

    public KeyPair keys() {
        return keys;
    }

    public X509Certificate signerCertificate() {
        return signer;
    }

    /** SHA-256 of the public key, hex (RFC 8894 §3.2.1.1 suggests a hash of the key). */
    public String transactionId() {
        return transactionId;
    }

    public byte[] senderNonce() {
        return senderNonce.clone();
    }

    /**
     * A PKCS#10 request for this key.
     *
     * @param challenge the profile's Challenge as challengePassword (UTF8String); null for none
     * @param keyUsage  the profile's "Key Usage" (1 signing, 4 encryption), asked for in an
     *                  extensionRequest as iOS does; 0 for none
     */
    public byte[] csr(X500Name subject, String challenge, int keyUsage) {
        try {
            var b = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic());
            if (challenge != null) {
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_challengePassword, new DERUTF8String(challenge));
            }
            int usage = ((keyUsage & 1) != 0 ? KeyUsage.digitalSignature : 0)
                    | ((keyUsage & 4) != 0 ? KeyUsage.keyEncipherment : 0);
            if (usage != 0) {
                Extension ku = new Extension(Extension.keyUsage, true, new KeyUsage(usage).getEncoded());
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(ku));
            }
            return b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Crypto.BC).build(keys.getPrivate()))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the certification request", e);
        }
    }

    public byte[] csr(String subject, String challenge) {
        return csr(new X500Name(subject), challenge, 0);
    }

    /** A PKCSReq with SHA-256 and AES-128. */
    public byte[] pkcsReq(X509Certificate recipient, byte[] csr) {
        return pkcsReq(recipient, csr, Algorithms.MODERN, PKCS_REQ);
    }

    /**
     * The pkiMessage: {@code csr} enveloped to {@code recipient} (the CA, or its RA), signed by this
     * transaction's key under its self-signed certificate, which it carries.
     *
     * @param messageType normally {@link #PKCS_REQ}; another value only to see how a CA refuses it
     */
    public byte[] pkcsReq(X509Certificate recipient, byte[] csr, Algorithms algorithms, String messageType) {
        try {
            CMSEnvelopedDataGenerator env = new CMSEnvelopedDataGenerator();
            env.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient).setProvider(Crypto.BC));
            byte[] enveloped = env.generate(new CMSProcessableByteArray(csr),
                    new JceCMSContentEncryptorBuilder(algorithms.cipher()).setProvider(Crypto.BC).build()).getEncoded();
            ASN1EncodableVector attrs = new ASN1EncodableVector();
            attrs.add(new Attribute(MESSAGE_TYPE, new DERSet(new DERPrintableString(messageType))));
            attrs.add(new Attribute(TRANSACTION_ID, new DERSet(new DERPrintableString(transactionId))));
            attrs.add(new Attribute(SENDER_NONCE, new DERSet(new DEROctetString(senderNonce))));
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
                    .build(new JcaContentSignerBuilder(algorithms.signature()).setProvider(Crypto.BC)
                            .build(keys.getPrivate()), signer));
            gen.addCertificates(new JcaCertStore(List.of(signer)));
            return gen.generate(new CMSProcessableByteArray(enveloped), true).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the PKCSReq", e);
        }
    }

    /**
     * Reads a CertRep: its signature must verify with one of {@code caCertificates} (from
     * GetCACert); on SUCCESS the enveloped certificates are decrypted with this transaction's key.
     * Transaction and nonces are returned, not judged: {@link ScepClient} checks them.
     *
     * @throws ScepException when the reply is not a CertRep signed by the CA
     */
    public CertRep read(byte[] reply, Collection<X509Certificate> caCertificates) {
        CMSSignedData signed;
        SignerInformation info;
        try {
            signed = new CMSSignedData(reply);
            info = signed.getSignerInfos().getSigners().iterator().next();
        } catch (Exception e) {
            throw new ScepException("the PKIOperation reply is not a CMS SignedData message", e);
        }
        if (!verifiedByOneOf(info, caCertificates)) {
            throw new ScepException("the CertRep's signature does not verify with the CA certificate");
        }
        AttributeTable a = info.getSignedAttributes();
        if (a == null) {
            throw new ScepException("the CertRep has no authenticated attributes");
        }
        List<X509Certificate> certs = new ArrayList<>();
        if (signed.getSignedContent() != null) {
            try {
                CMSEnvelopedData env = new CMSEnvelopedData((byte[]) signed.getSignedContent().getContent());
                byte[] degenerate = env.getRecipientInfos().getRecipients().iterator().next()
                        .getContent(new JceKeyTransEnvelopedRecipient(keys.getPrivate()).setProvider(Crypto.BC));
                for (Object h : new CMSSignedData(degenerate).getCertificates().getMatches(null)) {
                    X509Certificate c = new JcaX509CertificateConverter().setProvider(Crypto.BC)
                            .getCertificate((X509CertificateHolder) h);
                    certs.add(Arrays.equals(c.getPublicKey().getEncoded(), keys.getPublic().getEncoded()) ? 0
                            : certs.size(), c);
                }
            } catch (Exception e) {
                throw new ScepException("cannot decrypt the CertRep's certificates with this key", e);
            }
        }
        return new CertRep(text(a, MESSAGE_TYPE), text(a, PKI_STATUS), text(a, FAIL_INFO), text(a, FAIL_INFO_TEXT),
                text(a, TRANSACTION_ID), octets(a, RECIPIENT_NONCE), octets(a, SENDER_NONCE), List.copyOf(certs));
    }

    private static boolean verifiedByOneOf(SignerInformation info, Collection<X509Certificate> certs) {
        for (X509Certificate c : certs) {
            try {
                if (info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC).build(c))) {
                    return true;
                }
            } catch (Exception wrongCertificate) {
                // try the next one: GetCACert may return a CA and an RA
            }
        }
        return false;
    }

    private static String transactionIdOf(KeyPair keys) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private static ASN1Encodable value(AttributeTable a, ASN1ObjectIdentifier oid) {
        Attribute attr = a.get(oid);
        return attr == null || attr.getAttrValues().size() == 0 ? null : attr.getAttrValues().getObjectAt(0);
    }

    private static String text(AttributeTable a, ASN1ObjectIdentifier oid) {
        return value(a, oid) instanceof ASN1String s ? s.getString() : null;
    }

    private static byte[] octets(AttributeTable a, ASN1ObjectIdentifier oid) {
        return value(a, oid) instanceof ASN1OctetString s ? s.getOctets() : null;
    }
}
