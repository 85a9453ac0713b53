package io.latchkey.channel.windows.enrollment;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The PKCS#10 a device sends in {@code wsse:BinarySecurityToken} (MS-WSTEP; ValueType
 * {@code …enrollment#PKCS10}), checked and read with BouncyCastle. Real-device quirks (capture,
 * SOURCE.md; reference windows-mdm.md §1.1): the signature is sha1WithRSA under the old OIW OID
 * 1.3.14.3.2.29, the subject CN is {@code <guid>!<DeviceID>} followed by a NUL, and extension
 * 1.3.6.1.4.1.311.66.1.0 carries the DeviceID, NUL-terminated too.
 */
final class DeviceCsr {
    static final ASN1ObjectIdentifier DEVICE_ID_EXTENSION = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.66.1.0");
    static final Provider BC = new BouncyCastleProvider();

    /** RSA PKCS#1 v1.5 with SHA-1 (PKCS#1 and OIW OIDs) or SHA-2; nothing weaker. */
    private static final Set<String> SIGNATURES = Set.of(
            "1.2.840.113549.1.1.5", "1.3.14.3.2.29", "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13");
    private static final int MAX_BASE64_CHARS = 64 * 1024;

    private DeviceCsr() {
    }

    static PKCS10CertificationRequest decode(String base64) {
        if (base64.length() > MAX_BASE64_CHARS) {
            throw refused("the PKCS#10 is larger than " + MAX_BASE64_CHARS + " characters");
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
            return new PKCS10CertificationRequest(der);
        } catch (Exception e) {
            throw refused("the BinarySecurityToken is not a base64 DER PKCS#10 (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The CSR is signed by the key it carries, with an accepted algorithm, and that key is RSA of at least 2048 bits. */
    static void verify(PKCS10CertificationRequest csr) {
        String algorithm = csr.getSignatureAlgorithm().getAlgorithm().getId();
        if (!SIGNATURES.contains(algorithm)) {
            throw refused("the PKCS#10 signature algorithm " + algorithm + " is not RSA with SHA-1 or SHA-2");
        }
        boolean valid;
        try {
            if (!(PublicKeyFactory.createKey(csr.getSubjectPublicKeyInfo()) instanceof RSAKeyParameters rsa)
                    || rsa.isPrivate()) {
                throw refused("the PKCS#10 key is not an RSA public key");
            }
            if (rsa.getModulus().bitLength() < PolicyResponses.MINIMAL_KEY_LENGTH) {
                throw refused("the PKCS#10 RSA key is shorter than " + PolicyResponses.MINIMAL_KEY_LENGTH + " bits");
            }
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BC)
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (EnrollmentRefused e) {
            throw e;
        } catch (Exception e) {
            throw refused("the PKCS#10 signature cannot be checked (" + e.getClass().getSimpleName() + ")");
        }
        if (!valid) {
            throw refused("the PKCS#10 signature does not verify with its own public key");
        }
    }

    /** The part after the last {@code !} of the subject CN, trailing NULs dropped; empty when the CN has none. */
    static Optional<String> deviceIdFromCommonName(PKCS10CertificationRequest csr) {
        String cn;
        try {
            RDN[] cns = csr.getSubject().getRDNs(BCStyle.CN);
            if (cns.length == 0 || !(cns[0].getFirst().getValue() instanceof ASN1String value)) {
                return Optional.empty();
            }
            cn = withoutTrailingNuls(value.getString());
        } catch (RuntimeException e) {
            throw refused("the PKCS#10 subject cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        int bang = cn.lastIndexOf('!');
        return bang < 0 ? Optional.empty() : Optional.of(cn.substring(bang + 1));
    }

    /** The value of extension 1.3.6.1.4.1.311.66.1.0 in the CSR's extensionRequest, as ASCII, trailing NULs dropped. */
    static Optional<String> deviceIdFromExtension(PKCS10CertificationRequest csr) {
        try {
            for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (var value : attribute.getAttrValues()) {
                    Extension extension = Extensions.getInstance(value).getExtension(DEVICE_ID_EXTENSION);
                    if (extension != null) {
                        byte[] octets = extension.getExtnValue().getOctets();
                        return Optional.of(withoutTrailingNuls(new String(octets, StandardCharsets.ISO_8859_1)));
                    }
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            throw refused("the PKCS#10 extension request cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String withoutTrailingNuls(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }

    static EnrollmentRefused refused(String message) {
        return new EnrollmentRefused(EnrollmentFault.CERTIFICATE_REQUEST, message);
    }
}
