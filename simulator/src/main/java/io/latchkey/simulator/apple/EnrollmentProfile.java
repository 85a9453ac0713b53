package io.latchkey.simulator.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an enrollment profile ({@code .mobileconfig}) a device acts on: the SCEP payload that
 * gets it an identity and the {@code com.apple.mdm} payload that says where to check in. Keys:
 * apple/device-management mdm/profiles/com.apple.security.scep.yaml and com.apple.mdm.yaml
 * (shared/reference/apple-mdm.md §4).
 *
 * @param identifier        the profile's PayloadIdentifier, which {@code RemoveProfile} names
 * @param signed            the body was a CMS SignedData around the plist, not the plist itself
 * @param signatureVerified the signature verifies with the certificate it carries (trust in that
 *                          certificate is not judged: a device shows such a profile as "Unverified")
 */
public record EnrollmentProfile(String identifier, boolean signed, boolean signatureVerified, Scep scep, Mdm mdm) {

    /**
     * @param subject  the Subject's relative distinguished names in order, each a (type, value) pair
     *                 such as ("CN", "alice")
     * @param keySize  RSA key size; the payload's default is 1024 when absent
     * @param keyUsage 1 = signing, 4 = encryption, 5 = both; 0 = not stated
     */
    public record Scep(URI url, Optional<String> challenge, List<Map.Entry<String, String>> subject, int keySize,
                       int keyUsage) {
    }

    /** @param checkInUrl CheckInURL, or ServerURL when the profile has none (Apple, "Check-in") */
    public record Mdm(URI serverUrl, URI checkInUrl, String topic, boolean signMessage, boolean checkOutWhenRemoved,
                      int accessRights, String identityCertificateUuid) {
    }

    /**
     * Reads a profile as served: a plain XML (or binary) plist, or one wrapped in CMS SignedData
     * when the server signs profiles.
     *
     * @throws IllegalArgumentException when it is neither, or lacks the SCEP or MDM payload
     */
    public static EnrollmentProfile parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("the profile is empty");
        }
        boolean signed = (body[0] & 0xff) == 0x30;  // a DER SEQUENCE; a plist starts with '<' or "bplist"
        boolean verified = false;
        byte[] plist = body;
        if (signed) {
            try {
                CMSSignedData cms = new CMSSignedData(body);
                if (cms.getSignedContent() == null) {
                    throw new IllegalArgumentException("the signed profile does not carry the profile");
                }
                plist = (byte[]) cms.getSignedContent().getContent();
                verified = verifies(cms);
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalArgumentException("the profile is neither a plist nor CMS SignedData", e);
            }
        }
        NSDictionary root = Plists.dictionary(plist);
        String identifier = Plists.string(root, "PayloadIdentifier")
                .orElseThrow(() -> new IllegalArgumentException("the profile has no PayloadIdentifier"));
        NSDictionary scep = payload(root, "com.apple.security.scep");
        NSDictionary mdm = payload(root, "com.apple.mdm");
        return new EnrollmentProfile(identifier, signed, verified, scep(scep), mdm(mdm));
    }

    private static Scep scep(NSDictionary payload) {
        NSDictionary c = Plists.dictionary(payload, "PayloadContent")
                .orElseThrow(() -> new IllegalArgumentException("the SCEP payload has no PayloadContent"));
        URI url = URI.create(Plists.string(c, "URL")
                .orElseThrow(() -> new IllegalArgumentException("the SCEP payload has no URL")));
        List<Map.Entry<String, String>> subject = new ArrayList<>();
        for (NSObject rdn : Plists.array(c, "Subject")) {
            // An RDN is an array of [type, value] pairs; several pairs make a multi-valued RDN,
            // flattened here into consecutive RDNs.
            if (rdn instanceof NSArray pairs) {
                for (NSObject pair : pairs.getArray()) {
                    if (pair instanceof NSArray p && p.count() == 2
                            && p.objectAtIndex(0) instanceof NSString type && p.objectAtIndex(1) instanceof NSString v) {
                        subject.add(Map.entry(type.getContent(), v.getContent()));
                    }
                }
            }
        }
        return new Scep(url, Plists.string(c, "Challenge"), List.copyOf(subject),
                Plists.integer(c, "Keysize").orElse(1024), Plists.integer(c, "Key Usage").orElse(0));
    }

    private static Mdm mdm(NSDictionary p) {
        URI server = URI.create(Plists.string(p, "ServerURL")
                .orElseThrow(() -> new IllegalArgumentException("the MDM payload has no ServerURL")));
        URI checkIn = Plists.string(p, "CheckInURL").map(URI::create).orElse(server);
        String topic = Plists.string(p, "Topic")
                .orElseThrow(() -> new IllegalArgumentException("the MDM payload has no Topic"));
        return new Mdm(server, checkIn, topic, Plists.bool(p, "SignMessage").orElse(false),
                Plists.bool(p, "CheckOutWhenRemoved").orElse(false), Plists.integer(p, "AccessRights").orElse(0),
                Plists.string(p, "IdentityCertificateUUID").orElse(""));
    }

    private static NSDictionary payload(NSDictionary root, String type) {
        for (NSObject o : Plists.array(root, "PayloadContent")) {
            if (o instanceof NSDictionary d && Plists.string(d, "PayloadType").filter(type::equals).isPresent()) {
                return d;
            }
        }
        throw new IllegalArgumentException("the profile has no " + type + " payload");
    }

    private static boolean verifies(CMSSignedData cms) {
        try {
            for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> certs = cms.getCertificates().getMatches(signer.getSID());
                if (certs.isEmpty() || !signer.verify(new JcaSimpleSignerInfoVerifierBuilder()
                        .setProvider(Crypto.BC).build(certs.iterator().next()))) {
                    return false;
                }
            }
            return !cms.getSignerInfos().getSigners().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }
}
