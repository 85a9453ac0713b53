package io.latchkey.channel.apple.scep;

import io.latchkey.ca.Bc;
import io.latchkey.ca.CaIdentity;
import io.latchkey.ca.DeviceCertificateIssuer;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;

/**
 * The SCEP CA's three operations (RFC 8894 §3.5 and §4): GetCACaps, GetCACert and PKIOperation
 * with PKCSReq. The HTTP layer maps {@code GET ?operation=GetCACaps|GetCACert} and
 * {@code POST|GET ?operation=PKIOperation} onto these methods and nothing more.
 *
 * <p>Renewal (RenewalReq) is not offered: a device renews by enrolling again with a new profile,
 * so GetCACaps does not advertise "Renewal" and such a request gets FAILURE badRequest.
 */
public final class ScepResponder {

    public static final String CA_CERT_CONTENT_TYPE = "application/x-x509-ca-cert";
    public static final String CAPS_CONTENT_TYPE = "text/plain";

    /**
     * RFC 8894 §3.5.2. POSTPKIOperation and SCEPStandard matter most: without them clients fall back
     * to GET with the message in the query (shared/reference/apple-mdm.md §5). DES3 stays listed
     * for older clients; the CA answers in the cipher the request used.
     */
    private static final String CAPABILITIES = String.join("\n",
            "POSTPKIOperation", "SHA-256", "SHA-512", "AES", "DES3", "SCEPStandard") + "\n";

    /** The profile asks for 2048-bit keys; a smaller one means the request did not come from it. */
    private static final int MIN_RSA_BITS = 2048;

    private final CaIdentity ca;
    private final EnrollmentChallenges challenges;
    private final DeviceCertificateIssuer issuer;
    private final CertRepWriter replies;
    private final Clock clock;

    public ScepResponder(CaIdentity ca, EnrollmentChallenges challenges, DeviceCertificateIssuer issuer, Clock clock) {
        this.ca = ca;
        this.challenges = challenges;
        this.issuer = issuer;
        this.replies = new CertRepWriter(ca);
        this.clock = clock;
    }

    /** GetCACaps: one capability per line, {@value #CAPS_CONTENT_TYPE}. */
    public String capabilities() {
        return CAPABILITIES;
    }

    /**
     * GetCACert: the CA certificate alone, DER, {@value #CA_CERT_CONTENT_TYPE} with no parameters
     * (RFC 8894 §4.2.1.1; clients are strict about the type, reference §5).
     */
    public byte[] caCertificate() {
        try {
            return ca.certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }

    /**
     * PKIOperation. A well-formed SCEP message is always answered with a CertRep, SUCCESS or FAILURE.
     *
     * @throws MalformedScepRequest when the body is not a SCEP message that could be answered (HTTP 400)
     */
    public ScepReply pkiOperation(byte[] body) {
        PkiRequest request = PkiRequestReader.read(body);
        if (!request.signatureValid()) {
            return failed(request, FailInfo.BAD_MESSAGE_CHECK, "the request's signature does not verify");
        }
        if (!ScepAttributes.PKCS_REQ.equals(request.messageType())) {
            return failed(request, FailInfo.BAD_REQUEST, "only PKCSReq is supported");
        }
        PkiRequest.Opened opened = PkiRequestReader.open(request.envelopedContent(), ca.privateKey());
        if (opened == null) {
            return failed(request, FailInfo.BAD_MESSAGE_CHECK, "the request is not encrypted to this CA");
        }
        PKCS10CertificationRequest csr;
        try {
            csr = new PKCS10CertificationRequest(opened.csr());
        } catch (Exception e) {
            return failed(request, FailInfo.BAD_REQUEST, "the enveloped content is not a PKCS#10 request");
        }
        if (!csrSignatureValid(csr)) {
            return failed(request, FailInfo.BAD_MESSAGE_CHECK, "the certification request's signature does not verify");
        }
        if (!keyStrongEnough(csr)) {
            return failed(request, FailInfo.BAD_ALG, "the key must be RSA of at least " + MIN_RSA_BITS + " bits");
        }
        Optional<String> challenge = challengePassword(csr);
        if (challenge.isEmpty()) {
            return failed(request, FailInfo.BAD_REQUEST, "the request has no challengePassword");
        }
        // Redeemed last, so that a request refused for another reason does not burn the challenge.
        Optional<String> user = challenges.redeem(challenge.get(), clock.instant());
        if (user.isEmpty()) {
            return failed(request, FailInfo.BAD_REQUEST, "the challenge is unknown, used or expired");
        }
        X509Certificate issued = issuer.issue(csr);
        return new ScepReply(replies.success(request, opened.contentEncryption(), issued),
                Optional.of(new IssuedIdentity(user.get(), issued, request.transactionId())), Optional.empty());
    }

    private ScepReply failed(PkiRequest request, FailInfo failInfo, String reason) {
        return new ScepReply(replies.failure(request, failInfo, reason), Optional.empty(), Optional.of(failInfo));
    }

    private static boolean csrSignatureValid(PKCS10CertificationRequest csr) {
        try {
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Bc.PROVIDER)
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean keyStrongEnough(PKCS10CertificationRequest csr) {
        try {
            if (!PKCSObjectIdentifiers.rsaEncryption.equals(csr.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm())) {
                return false;
            }
            RSAPublicKey key = RSAPublicKey.getInstance(csr.getSubjectPublicKeyInfo().parsePublicKey());
            return key.getModulus().bitLength() >= MIN_RSA_BITS;
        } catch (Exception e) {
            return false;
        }
    }

    /** PKCS#9 challengePassword (RFC 2985 §5.4.1), a DirectoryString: PrintableString or UTF8String. */
    private static Optional<String> challengePassword(PKCS10CertificationRequest csr) {
        for (Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_challengePassword)) {
            if (a.getAttrValues().size() == 1 && a.getAttrValues().getObjectAt(0) instanceof ASN1String s) {
                return Optional.of(s.getString());
            }
        }
        return Optional.empty();
    }
}
