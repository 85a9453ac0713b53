package io.latchkey.server.apple;

import io.latchkey.ca.CaIdentity;
import io.latchkey.ca.DeviceCertificateIssuer;
import io.latchkey.ca.Pkcs12CaDirectory;
import io.latchkey.ca.SelfSignedCa;
import io.latchkey.channel.apple.profile.EnrollmentProfileWriter;
import io.latchkey.channel.apple.profile.ProfileSigner;
import io.latchkey.channel.apple.profile.EnrollmentSettings;
import io.latchkey.channel.apple.scep.EnrollmentCodeChallenges;
import io.latchkey.channel.apple.scep.IssuedIdentity;
import io.latchkey.channel.apple.scep.MalformedScepRequest;
import io.latchkey.channel.apple.scep.ScepReply;
import io.latchkey.channel.apple.scep.ScepResponder;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.enrollment.EnrollmentCodeIssuer;
import io.latchkey.core.enrollment.EnrollmentCodes;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Apple enrollment, wired: the device CA in {@code <data-dir>/apple/} (created on first start),
 * the SCEP responder whose challenges are the core's one-time enrollment codes, and the per-user
 * profile. The profile download only checks the code; the SCEP PKCSReq that carries it redeems it,
 * so a profile fetched twice still enrolls one device, and a code is spent only by an enrollment.
 */
public final class AppleEnrollment {
    private static final Logger LOG = LoggerFactory.getLogger(AppleEnrollment.class);

    public static final String SCEP_PATH = "/scep";
    public static final String PROFILE_PATH = "/enroll/apple/profile";
    /** Where the check-in and command endpoints are mounted (the profile's CheckInURL and ServerURL). */
    public static final String CHECKIN_PATH = "/mdm/checkin";
    public static final String SERVER_PATH = "/mdm/connect";
    public static final String PROFILE_IDENTIFIER = "io.latchkey.mdm.enrollment";
    private static final String ORGANIZATION = "Latchkey";
    private static final Duration DEVICE_CERT_VALIDITY = Duration.ofDays(365);

    private final ScepResponder scep;
    private final X509Certificate caCertificate;
    private final io.latchkey.ca.CaIdentity ca;
    private final DeviceIdentities identities;
    private final EnrollmentCodeIssuer codes;
    private final Users users;
    private final Supplier<URI> publicUrl;
    private final String topic;
    private final Clock clock;
    private final Optional<ProfileSigner> signer;

    private AppleEnrollment(ScepResponder scep, io.latchkey.ca.CaIdentity ca, DeviceIdentities identities, EnrollmentCodeIssuer codes, Users users,
                            Supplier<URI> publicUrl, String topic, Optional<ProfileSigner> signer, Clock clock) {
        this.signer = signer;
        this.scep = scep;
        this.ca = ca;
        this.caCertificate = ca.certificate();
        this.identities = identities;
        this.codes = codes;
        this.users = users;
        this.publicUrl = publicUrl;
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Opens the CA in {@code directory}, creating it the first time.
     *
     * @param publicUrl read per request: with port 0 the URL is known only once the server listens
     */
    public static AppleEnrollment open(Path directory, char[] caPassword, EnrollmentCodes store,
                                       DeviceIdentities identities, EnrollmentCodeIssuer codes, Users users,
                                       Supplier<URI> publicUrl, String topic, Optional<ProfileSigner> signer,
                                       Clock clock) {
        Pkcs12CaDirectory caStore = new Pkcs12CaDirectory(directory, caPassword);
        boolean existed = caStore.load().isPresent();
        CaIdentity ca = SelfSignedCa.openOrCreate(caStore, ORGANIZATION + " Apple device CA",
                SelfSignedCa.DEFAULT_KEY_BITS, clock);
        LOG.info(existed ? "Apple device CA loaded from {}" : "created the Apple device CA in {}; back it up with "
                + "the database: enrolled devices cannot be verified without it", caStore.file());
        ScepResponder scep = new ScepResponder(ca, new EnrollmentCodeChallenges(store, clock),
                new DeviceCertificateIssuer(ca, DEVICE_CERT_VALIDITY, clock), clock);
        return new AppleEnrollment(scep, ca, identities, codes, users, publicUrl, topic, signer, clock);
    }

    /** The device CA, which the Windows enrollment issues from as well: one trust anchor for every device. */
    public io.latchkey.ca.CaIdentity deviceCa() {
        return ca;
    }

    /** The device CA's certificate: every device identity is checked against it. */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public ScepResponder scep() {
        return scep;
    }

    /**
     * PKIOperation; a certificate issued is recorded as the user's device identity, unbound until
     * the device's first check-in. Should recording fail, the request fails (a 500) rather than hand
     * out a certificate no check-in could be trusted with; the code is spent either way.
     *
     * @throws MalformedScepRequest when the body is not a SCEP message that could be answered (a 400)
     */
    public ScepReply pkiOperation(byte[] message) {
        ScepReply reply = scep.pkiOperation(message);
        reply.issued().ifPresent(this::record);
        reply.failure().ifPresent(f -> LOG.info("refused a SCEP PKIOperation: {}", f));
        return reply;
    }

    private void record(IssuedIdentity issued) {
        var certificate = issued.certificate();
        DeviceIdentity identity;
        try {
            identity = DeviceIdentity.issued(certificate.getEncoded(), certificate.getSerialNumber().toString(16),
                    UUID.fromString(issued.userId()), ChannelKind.APPLE_MDM, clock.instant(),
                    certificate.getNotAfter().toInstant());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the CA issued a certificate it cannot encode", e);
        }
        identities.record(identity);
        LOG.info("issued Apple device identity serial {} fingerprint {} for user {} (transaction {})",
                identity.serialNumber(), identity.fingerprint(), identity.userId(), issued.transactionId());
    }

    /** The enrollment profile carrying this code as its SCEP challenge; empty when the code is not usable. */
    public Optional<byte[]> profile(String code) {
        Optional<UUID> userId = codes.userOfUsable(code, ChannelKind.APPLE_MDM);
        Optional<User> user = userId.flatMap(users::find);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        URI base = publicUrl.get();
        EnrollmentSettings settings = new EnrollmentSettings(ORGANIZATION, PROFILE_IDENTIFIER,
                at(base, SCEP_PATH), at(base, SERVER_PATH), at(base, CHECKIN_PATH), topic, List.of(),
                false);
        byte[] profile = new EnrollmentProfileWriter(settings).write(code, user.get().userPrincipalName());
        return Optional.of(signer.map(s -> s.sign(profile)).orElse(profile));
    }

    /** Appended, not resolved: a public URL with a path (https://example.com/latchkey) keeps it. */
    private static URI at(URI base, String path) {
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }
}
