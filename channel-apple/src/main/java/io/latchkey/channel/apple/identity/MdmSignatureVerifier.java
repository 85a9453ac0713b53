package io.latchkey.channel.apple.identity;

import io.latchkey.ca.Bc;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;

/**
 * Verifies the {@code Mdm-Signature} header: "a Base64-encoded CMS detached signature of the
 * message" sent when the profile sets SignMessage (Apple, "Managing certificates for MDM servers
 * and devices"; apple/device-management com.apple.mdm.yaml). As NanoMDM's VerifyMdmSignature
 * (micromdm/nanomdm cryptoutil/cryptoutil.go): decode, attach the body as content, verify, take
 * the only signer's certificate; then the certificate must be a current identity from this CA.
 */
public final class MdmSignatureVerifier {

    public static final String HEADER = "Mdm-Signature";
    private static final CMSSignatureAlgorithmNameGenerator NAMES = new DefaultCMSSignatureAlgorithmNameGenerator();
    private static final SignatureAlgorithmIdentifierFinder ALGORITHMS = new DefaultSignatureAlgorithmIdentifierFinder();
    private static final DigestCalculatorProvider DIGESTS = digests();

    private final DeviceCertificateTrust trust;

    public MdmSignatureVerifier(DeviceCertificateTrust trust) {
        this.trust = trust;
    }

    /**
     * @return the signer's certificate, issued by this CA and valid now; the caller must still check
     *         that it belongs to the UDID or EnrollmentID in the body
     * @throws IdentityRefused with a reason for each way it can fail
     */
    public X509Certificate verify(String header, byte[] body) {
        X509CertificateHolder holder = verifiedSigner(header, body);
        X509Certificate cert;
        try {
            cert = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(holder);
        } catch (Exception e) {
            throw malformed("the signer's certificate does not parse");
        }
        trust.check(cert);
        return cert;
    }

    /**
     * As {@link #verify}, returning the signer certificate's fingerprint: what every check-in needs.
     * The certificate is judged by its DER bytes ({@link DeviceCertificateTrust#checkEncoded}), so
     * it is not converted to a JCA certificate on every request; the signature is checked on every
     * request all the same.
     */
    public String verifiedFingerprint(String header, byte[] body) {
        X509CertificateHolder holder = verifiedSigner(header, body);
        try {
            return trust.checkEncoded(holder.getEncoded());
        } catch (java.io.IOException e) {
            throw malformed("the signer's certificate does not encode");
        }
    }

    /** The only signer's certificate, once its signature over the body verified. */
    private X509CertificateHolder verifiedSigner(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw new IdentityRefused(IdentityRefused.Reason.MISSING, "no " + HEADER + " header");
        }
        CMSSignedData signed;
        try {
            byte[] der = Base64.getDecoder().decode(withoutSpace(header));
            signed = new CMSSignedData(new CMSProcessableByteArray(body == null ? new byte[0] : body), der);
        } catch (Exception e) {
            throw malformed("the " + HEADER + " header is not a base64 CMS signature");
        }
        Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw malformed("the signature has " + signers.size() + " signers, not one");
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw malformed("the signature does not carry its signer's certificate");
        }
        X509CertificateHolder holder = matches.iterator().next();
        if (!verifies(signer, holder)) {
            throw new IdentityRefused(IdentityRefused.Reason.BAD_SIGNATURE, "the signature does not match the body");
        }
        return holder;
    }

    /** What {@code replaceAll("\\s", "")} did, without compiling a regular expression on every request. */
    private static String withoutSpace(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\u000b' && c != '\f' && c != '\r') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * By public key: validity is judged by {@link DeviceCertificateTrust} against the server's clock,
     * not by BouncyCastle against the signingTime the device chose. SHA-1 digests are accepted
     * because some clients still compute them (shared/reference/apple-mdm.md §5).
     */
    private static boolean verifies(SignerInformation signer, X509CertificateHolder cert) {
        try {
            // The name generator, algorithm finder and digest provider are immutable tables, built
            // once: a SignerInfoVerifierBuilder per request rebuilt them on every check-in.
            return signer.verify(new SignerInformationVerifier(NAMES, ALGORITHMS,
                    new JcaContentVerifierProviderBuilder().setProvider(Bc.PROVIDER)
                            .build(cert.getSubjectPublicKeyInfo()),
                    DIGESTS));
        } catch (Exception e) {
            return false;
        }
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build();
        } catch (Exception e) {
            throw new IllegalStateException("BouncyCastle has no digest calculators", e);
        }
    }

    private static IdentityRefused malformed(String message) {
        return new IdentityRefused(IdentityRefused.Reason.MALFORMED, message);
    }
}
