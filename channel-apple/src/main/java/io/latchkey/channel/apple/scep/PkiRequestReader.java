package io.latchkey.channel.apple.scep;

import io.latchkey.ca.Bc;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import java.security.PrivateKey;
import java.util.Collection;

/**
 * Reads the two CMS layers of a PKIOperation (RFC 8894 §3.2 and §3.3.1): the SignedData
 * pkiMessage, signed by the requester's (for PKCSReq, self-signed) certificate, around the
 * EnvelopedData pkcsPKIEnvelope that only the CA's key opens.
 */
final class PkiRequestReader {

    private PkiRequestReader() {
    }

    /** @throws MalformedScepRequest when the body cannot be answered with a CertRep at all */
    static PkiRequest read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedScepRequest("the PKIOperation body is empty");
        }
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(body);
        } catch (Exception e) {
            throw new MalformedScepRequest("the PKIOperation body is not a CMS SignedData message");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new MalformedScepRequest("a SCEP request has exactly one signer, this one has " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        AttributeTable attrs = signer.getSignedAttributes();
        if (attrs == null) {
            throw new MalformedScepRequest("the SCEP request has no authenticated attributes");
        }
        String messageType = string(attrs, ScepAttributes.MESSAGE_TYPE, "messageType");
        String transactionId = string(attrs, ScepAttributes.TRANSACTION_ID, "transactionID");
        byte[] senderNonce = octets(attrs, ScepAttributes.SENDER_NONCE, "senderNonce");
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certs = signed.getCertificates().getMatches(signer.getSID());
        if (certs.isEmpty()) {
            // Without the requester's certificate the CertRep could not be encrypted to anyone.
            throw new MalformedScepRequest("the SCEP request does not carry its signer's certificate");
        }
        X509CertificateHolder signerCert = certs.iterator().next();
        Object content = signed.getSignedContent() == null ? null : signed.getSignedContent().getContent();
        if (!(content instanceof byte[] enveloped)) {
            throw new MalformedScepRequest("the SCEP request has no encapsulated pkcsPKIEnvelope");
        }
        return new PkiRequest(messageType, transactionId, senderNonce, signerCert, signer.getDigestAlgorithmID(),
                verifies(signer, signerCert), enveloped);
    }

    /**
     * Opens the pkcsPKIEnvelope with the CA key; null when it is not for this CA or does not
     * decrypt (answered as badMessageCheck). Single DES and 3DES are accepted because real clients
     * use them (shared/reference/apple-mdm.md §5, "Clients in the wild").
     */
    static PkiRequest.Opened open(byte[] enveloped, PrivateKey caKey) {
        try {
            CMSEnvelopedData env = new CMSEnvelopedData(enveloped);
            for (RecipientInformation r : env.getRecipientInfos().getRecipients()) {
                try {
                    byte[] csr = r.getContent(new JceKeyTransEnvelopedRecipient(caKey).setProvider(Bc.PROVIDER));
                    return new PkiRequest.Opened(csr, env.getContentEncryptionAlgorithm().getAlgorithm());
                } catch (Exception notForUs) {
                    // Try the next recipient: a request may be encrypted to several certificates.
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Verified with the certificate's public key, not the certificate: the PKCSReq signer is a
     * throw-away self-signed certificate (RFC 8894 §2.3) whose validity window only reflects the
     * device's clock, and BouncyCastle would otherwise refuse a signingTime outside it.
     */
    private static boolean verifies(SignerInformation signer, X509CertificateHolder cert) {
        try {
            return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER)
                    .build(new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(cert).getPublicKey()));
        } catch (Exception e) {
            return false;
        }
    }

    private static ASN1Encodable value(AttributeTable attrs, ASN1ObjectIdentifier oid, String name) {
        Attribute a = attrs.get(oid);
        if (a == null || a.getAttrValues().size() != 1) {
            throw new MalformedScepRequest("the SCEP request lacks the " + name + " attribute");
        }
        return a.getAttrValues().getObjectAt(0);
    }

    private static String string(AttributeTable attrs, ASN1ObjectIdentifier oid, String name) {
        if (!(value(attrs, oid, name) instanceof ASN1String s)) {
            throw new MalformedScepRequest("the SCEP " + name + " attribute is not a string");
        }
        return s.getString();
    }

    private static byte[] octets(AttributeTable attrs, ASN1ObjectIdentifier oid, String name) {
        if (!(value(attrs, oid, name) instanceof ASN1OctetString s)) {
            throw new MalformedScepRequest("the SCEP " + name + " attribute is not an octet string");
        }
        return s.getOctets();
    }
}
