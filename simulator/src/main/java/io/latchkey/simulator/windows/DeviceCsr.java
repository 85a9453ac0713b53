package io.latchkey.simulator.windows;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

/**
 * The PKCS#10 request a Windows enrollment client sends in its RequestSecurityToken, with the quirks
 * of the captured one (shared/reference/windows-mdm.md §1.1, fixture SOURCE.md):
 * <ul>
 *   <li>subject a single CN {@code <GUID, cut to 30 characters>!<DeviceID>} followed by a NUL,
 *       64 characters in all, encoded as a PrintableString although '!' and NUL are outside its alphabet;</li>
 *   <li>an extension request for {@value #DEVICE_ID_EXTENSION} (non-critical) whose value is the
 *       DeviceID in ASCII with a trailing NUL, not DER-wrapped;</li>
 *   <li>signed sha1WithRSA unless the enrollment policy names another hash.</li>
 * </ul>
 */
final class DeviceCsr {

    /** Microsoft's DeviceID extension in a device CSR. */
    static final String DEVICE_ID_EXTENSION = "1.3.6.1.4.1.311.66.1.0";

    private DeviceCsr() {
    }

    /** The subject CN: {@code guid} cut to 30 characters, '!', the DeviceID, NUL. */
    static String commonName(String guid, String deviceId) {
        return guid.substring(0, Math.min(30, guid.length())) + "!" + deviceId + "\0";
    }

    static byte[] create(KeyPair keys, String guid, String deviceId, String signatureAlgorithm) {
        // validate=false: Windows puts '!' and NUL in a PrintableString, which a checked one refuses.
        X500Name subject = new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue(BCStyle.CN,
                new DERPrintableString(commonName(guid, deviceId), false)))});
        try {
            Extension deviceIdExt = new Extension(new ASN1ObjectIdentifier(DEVICE_ID_EXTENSION), false,
                    new DEROctetString((deviceId + "\0").getBytes(StandardCharsets.US_ASCII)));
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, new Extensions(deviceIdExt))
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(WindowsCrypto.BC)
                            .build(keys.getPrivate()));
            return csr.getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build the device CSR", e);
        }
    }
}
