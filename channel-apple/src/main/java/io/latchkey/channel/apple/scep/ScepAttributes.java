package io.latchkey.channel.apple.scep;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** The SCEP authenticated attributes, RFC 8894 §3.2.1 (OIDs in the VeriSign arc 2.16.840.1.113733.1.9). */
final class ScepAttributes {

    static final ASN1ObjectIdentifier MESSAGE_TYPE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.2");
    static final ASN1ObjectIdentifier PKI_STATUS = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.3");
    static final ASN1ObjectIdentifier FAIL_INFO = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.4");
    static final ASN1ObjectIdentifier SENDER_NONCE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.5");
    static final ASN1ObjectIdentifier RECIPIENT_NONCE = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.6");
    static final ASN1ObjectIdentifier TRANSACTION_ID = new ASN1ObjectIdentifier("2.16.840.1.113733.1.9.7");
    /** id-scep-failInfoText, RFC 8894 §3.2.1.4.5: a human-readable reason next to failInfo. */
    static final ASN1ObjectIdentifier FAIL_INFO_TEXT = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.24.1");

    /** messageType values, RFC 8894 §3.2.1.2. */
    static final String CERT_REP = "3";
    static final String RENEWAL_REQ = "17";
    static final String PKCS_REQ = "19";

    /** pkiStatus values, RFC 8894 §3.2.1.3. */
    static final String SUCCESS = "0";
    static final String FAILURE = "2";

    private ScepAttributes() {
    }
}
