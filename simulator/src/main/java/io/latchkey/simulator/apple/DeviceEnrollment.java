package io.latchkey.simulator.apple;

import com.dd.plist.NSDictionary;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The network half of enrolling: profile, SCEP, Authenticate, TokenUpdate. Stateless; the device
 * records the result only when every step succeeded.
 */
final class DeviceEnrollment {

    /** What a successful enrollment leaves the device with. */
    record Result(EnrollmentProfile profile, ScepClient.Enrolled identity, MdmConnection connection) {
    }

    private final DeviceHttp http;
    private final AppleModel model;
    private final DeviceIds ids;

    DeviceEnrollment(DeviceHttp http, AppleModel model, DeviceIds ids) {
        this.http = http;
        this.model = model;
        this.ids = ids;
    }

    /**
     * @param unlockToken sent in TokenUpdate; null on a Mac
     * @throws EnrollmentFailed at the first step that fails
     */
    Result run(URI profileUrl, byte[] pushToken, String pushMagic, byte[] unlockToken) {
        try {
            EnrollmentProfile profile = fetchProfile(profileUrl);
            EnrollmentProfile.Scep scep = profile.scep();
            ScepClient.Enrolled identity;
            try {
                identity = new ScepClient(http).enroll(scep.url(), subject(scep), scep.challenge().orElse(null),
                        scep.keySize(), scep.keyUsage());
            } catch (ScepException | IllegalArgumentException e) {
                throw new EnrollmentFailed(EnrollmentFailed.Stage.SCEP, e.getMessage(), e);
            }
            MdmConnection c = new MdmConnection(http, profile.mdm(), identity.keys().getPrivate(),
                    identity.certificate(), model.isMac());
            String topic = profile.mdm().topic();
            checkin(c, CheckinMessages.authenticate(model, ids, topic), EnrollmentFailed.Stage.AUTHENTICATE);
            io.latchkey.simulator.Canaries.note("apple UnlockToken", unlockToken);
            checkin(c, CheckinMessages.tokenUpdate(ids, topic, pushToken, pushMagic, unlockToken),
                    EnrollmentFailed.Stage.TOKEN_UPDATE);
            return new Result(profile, identity, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrollmentFailed(EnrollmentFailed.Stage.PROFILE, "interrupted", e);
        }
    }

    private EnrollmentProfile fetchProfile(URI profileUrl) throws InterruptedException {
        DeviceHttp.Reply r;
        try {
            r = http.get(profileUrl);
        } catch (IOException e) {
            throw new EnrollmentFailed(EnrollmentFailed.Stage.PROFILE, e.toString(), e);
        }
        if (!r.ok()) {
            throw new EnrollmentFailed(EnrollmentFailed.Stage.PROFILE, "the profile URL answered HTTP " + r.status(),
                    null);
        }
        try {
            return EnrollmentProfile.parse(r.body());
        } catch (IllegalArgumentException e) {
            throw new EnrollmentFailed(EnrollmentFailed.Stage.PROFILE, e.getMessage(), e);
        }
    }

    private static void checkin(MdmConnection c, NSDictionary message, EnrollmentFailed.Stage stage)
            throws InterruptedException {
        DeviceHttp.Reply r;
        try {
            r = c.checkin(message);
        } catch (IOException e) {
            throw new EnrollmentFailed(stage, e.toString(), e);
        }
        if (!r.ok()) {
            throw new EnrollmentFailed(stage, "CheckInURL answered HTTP " + r.status(), null);
        }
    }

    /** The SCEP Subject with the variables Apple substitutes; CN=UDID when the profile names none. */
    private X500Name subject(EnrollmentProfile.Scep scep) {
        if (scep.subject().isEmpty()) {
            return new X500Name("CN=" + ids.udid());
        }
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        for (Map.Entry<String, String> rdn : scep.subject()) {
            String value = rdn.getValue().replace("%HardwareUUID%", ids.udid())
                    .replace("%SerialNumber%", ids.serialNumber()).replace("%ComputerName%", ids.deviceName());
            b.addRDN(BCStyle.INSTANCE.attrNameToOID(rdn.getKey()), value);
        }
        return b.build();
    }
}
