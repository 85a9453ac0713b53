package io.latchkey.channel.apple.profile;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSString;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes a user's enrollment profile ({@code .mobileconfig}): a SCEP payload that makes the device
 * obtain its identity from the built-in CA, and the {@code com.apple.mdm} payload that points the
 * device at this server with that identity. Keys: apple/device-management
 * mdm/profiles/com.apple.mdm.yaml and com.apple.security.scep.yaml; working example
 * micromdm/nanomdm docs/enroll.mobileconfig (shared/reference/apple-mdm.md §4).
 */
public final class EnrollmentProfileWriter {

    public static final String CONTENT_TYPE = "application/x-apple-aspen-config";

    /**
     * All thirteen rights (1 through 4096), as NanoMDM's sample profile: lock and passcode removal
     * (4) and erase (8) are the point of Latchkey, and RemoveProfile, DeviceInformation and Lost
     * Mode need rights 2, 16 and 4 (reference §4, "AccessRights bits"). Ignored in User Enrollment.
     */
    static final int ACCESS_RIGHTS = 8191;

    /** Key Usage 5 = signing (1) + encryption (4), as NanoMDM's sample; the identity signs Mdm-Signature and does TLS. */
    static final int KEY_USAGE = 5;

    /** The SCEP payload's Keysize default is 1024 (reference §5); the CA refuses less than 2048. */
    static final int KEY_SIZE = 2048;

    private final EnrollmentSettings settings;
    private final Supplier<UUID> uuids;

    public EnrollmentProfileWriter(EnrollmentSettings settings) {
        this(settings, UUID::randomUUID);
    }

    EnrollmentProfileWriter(EnrollmentSettings settings, Supplier<UUID> uuids) {
        this.settings = settings;
        this.uuids = uuids;
    }

    /**
     * @param challenge the one-time SCEP challenge issued for this user
     * @param subjectCommonName the CN the device puts in its CSR (e.g. the user's name); Apple
     *        substitutes variables such as %HardwareUUID% in it
     * @return the unsigned XML profile, UTF-8
     */
    public byte[] write(String challenge, String subjectCommonName) {
        String scepUuid = uuids.get().toString().toUpperCase();
        NSDictionary scep = payload("com.apple.security.scep", ".scep", scepUuid, "Device identity");
        NSDictionary scepContent = new NSDictionary();
        scepContent.put("URL", settings.scepUrl().toString());
        scepContent.put("Name", settings.organization() + " device CA");
        scepContent.put("Subject", new NSArray(rdn("O", settings.organization()), rdn("CN", subjectCommonName)));
        scepContent.put("Challenge", challenge);
        scepContent.put("Keysize", KEY_SIZE);
        scepContent.put("Key Type", "RSA");
        scepContent.put("Key Usage", KEY_USAGE);
        scep.put("PayloadContent", scepContent);

        NSDictionary mdm = payload("com.apple.mdm", ".mdm", uuids.get().toString().toUpperCase(), "Device management");
        mdm.put("IdentityCertificateUUID", scepUuid);
        mdm.put("Topic", settings.topic());
        mdm.put("ServerURL", settings.serverUrl().toString());
        mdm.put("CheckInURL", settings.checkInUrl().toString());
        // Mdm-Signature on every request, so identity holds even behind a TLS-terminating proxy.
        mdm.put("SignMessage", true);
        // Without it a device that removes the profile never says so (checkout.yaml).
        mdm.put("CheckOutWhenRemoved", true);
        mdm.put("AccessRights", ACCESS_RIGHTS);
        mdm.put("ServerCapabilities", new NSArray(settings.serverCapabilities().stream()
                .map(NSString::new).toArray(NSString[]::new)));
        if (settings.developmentApns()) {
            mdm.put("UseDevelopmentAPNS", true);
        }

        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadVersion", 1);
        profile.put("PayloadIdentifier", settings.profileIdentifier());
        profile.put("PayloadUUID", uuids.get().toString().toUpperCase());
        profile.put("PayloadDisplayName", settings.organization() + " device management");
        profile.put("PayloadOrganization", settings.organization());
        profile.put("PayloadContent", new NSArray(scep, mdm));
        return profile.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }

    private NSDictionary payload(String type, String identifierSuffix, String uuid, String displayName) {
        NSDictionary p = new NSDictionary();
        p.put("PayloadType", type);
        p.put("PayloadVersion", 1);
        p.put("PayloadIdentifier", settings.profileIdentifier() + identifierSuffix);
        p.put("PayloadUUID", uuid);
        p.put("PayloadDisplayName", displayName);
        return p;
    }

    /** One relative distinguished name in the SCEP payload's Subject: an array of one [OID-name, value] pair. */
    private static NSArray rdn(String type, String value) {
        return new NSArray(new NSArray(new NSString(type), new NSString(value)));
    }
}
