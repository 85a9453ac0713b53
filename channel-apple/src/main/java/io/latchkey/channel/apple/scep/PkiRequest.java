package io.latchkey.channel.apple.scep;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The outer layer of a PKIOperation request: enough to answer it, whether or not the inner CSR
 * turns out to be acceptable (RFC 8894 §3.3.2: the CertRep copies transactionID, echoes the
 * senderNonce as recipientNonce and is encrypted to the requester's certificate).
 */
record PkiRequest(
        String messageType,
        String transactionId,
        byte[] senderNonce,
        X509CertificateHolder signer,
        AlgorithmIdentifier digestAlgorithm,
        boolean signatureValid,
        byte[] envelopedContent) {

    /** The content-encryption algorithm of the inner envelope, learnt when it is opened. */
    record Opened(byte[] csr, ASN1ObjectIdentifier contentEncryption) {
    }
}
