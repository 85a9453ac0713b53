package io.latchkey.channel.apple.mdm;

import io.latchkey.channel.apple.checkin.CheckinDecoder;
import io.latchkey.channel.apple.checkin.CheckinMessage;
import io.latchkey.channel.apple.identity.DeviceCertificateTrust;
import io.latchkey.channel.apple.identity.IdentityRefused;
import io.latchkey.channel.apple.identity.MdmSignatureVerifier;
import io.latchkey.channel.apple.plist.MessageRefused;
import io.latchkey.channel.apple.report.CommandReport;
import io.latchkey.channel.apple.report.CommandReportDecoder;
import io.latchkey.channel.apple.report.ReportStatus;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.enrollment.CheckInLookup;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.enrollment.Escrow;
import io.latchkey.core.enrollment.PushAddresses;
import io.latchkey.core.inventory.CheckInRecorder;
import io.latchkey.core.inventory.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Locale;

/**
 * The two device-facing endpoints of Apple MDM, independent of HTTP: who is speaking (the identity
 * certificate, by TLS, forwarded by a trusted proxy, or the Mdm-Signature; issue 3 item 2), whether
 * this server issued that certificate and to which device it is bound, then the message. Refusals
 * are 401 (no usable identity), 403 (an identity refused), 415 (not an MDM message) or 400 (a
 * malformed one); they are logged with their reason, never with the body.
 */
public final class MdmEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(MdmEndpoint.class);
    static final String CHECKIN_CONTENT_TYPE = "application/x-apple-aspen-mdm-checkin";
    static final String COMMAND_CONTENT_TYPE = "application/x-apple-aspen-mdm";

    private final DeviceCertificateTrust trust;
    private final MdmSignatureVerifier signatures;
    private final CheckInLookup lookup;
    private final AppleCheckins checkins;
    private final AppleCommandSession session;
    private final CheckinDecoder checkinDecoder = new CheckinDecoder();
    private final CommandReportDecoder reportDecoder = new CommandReportDecoder();

    public MdmEndpoint(X509Certificate deviceCa, Devices devices, DeviceIdentities identities,
                       PushAddresses pushAddresses, Escrow escrow, CommandOutbox outbox, CommandHistory history,
                       String profileIdentifier, CheckInRecorder checkIns, Clock clock) {
        this(deviceCa, devices, identities, CheckInLookup.of(identities, devices), pushAddresses, escrow, outbox,
                history, profileIdentifier, checkIns, clock);
    }

    /**
     * @param lookup the identity, its device and whether it has open commands, in one read (the
     *               store's combined query); {@link CheckInLookup#of} composes it from the other ports
     */
    public MdmEndpoint(X509Certificate deviceCa, Devices devices, DeviceIdentities identities, CheckInLookup lookup,
                       PushAddresses pushAddresses, Escrow escrow, CommandOutbox outbox, CommandHistory history,
                       String profileIdentifier, CheckInRecorder checkIns, Clock clock) {
        this.trust = new DeviceCertificateTrust(deviceCa, clock);
        this.signatures = new MdmSignatureVerifier(trust);
        this.lookup = lookup;
        this.session = new AppleCommandSession(devices, history, outbox,
                new CommandTranslation(escrow, profileIdentifier), identities, checkIns, clock);
        this.checkins = new AppleCheckins(devices, identities, pushAddresses, escrow, outbox, clock,
                session::wantInventory);
    }

    /** PUT to the CheckInURL: Authenticate, TokenUpdate, CheckOut; 200 with an empty body. */
    public MdmAnswer checkin(DeviceRequest request) {
        if (!hasType(request, CHECKIN_CONTENT_TYPE)) {
            return refuse(request, 415, "a check-in has Content-Type " + CHECKIN_CONTENT_TYPE);
        }
        return answer(request, false, known -> {
            CheckinMessage m = checkinDecoder.decode(request.body());
            checkins.handle(m, known.identity());
            return MdmAnswer.empty();
        });
    }

    /**
     * PUT to the ServerURL: a report, answered with the next command or an empty body. A check-in
     * sent here is served as one, as NanoMDM's combined endpoint does (micromdm/nanomdm http/mdm/mdm.go).
     */
    public MdmAnswer command(DeviceRequest request) {
        if (hasType(request, CHECKIN_CONTENT_TYPE)) {
            return checkin(request);
        }
        if (request.contentType() != null && !request.contentType().isBlank()
                && !hasType(request, COMMAND_CONTENT_TYPE)) {
            return refuse(request, 415, "a command report has Content-Type " + COMMAND_CONTENT_TYPE);
        }
        return answer(request, true, recalled -> {
            CommandReport r = reportDecoder.decode(request.body());
            // Facts from memory answer an Idle report only; any other report changes what is due, so
            // it is answered from facts read for it (those that came from the store just now are).
            CheckInLookup.Facts known = r.status() == ReportStatus.IDLE || !recalled.remembered() ? recalled
                    : admitted(lookup.lookUp(recalled.identity().fingerprint()));
            return session.report(r, checkins.boundDevice(r.enrollment(), known.identity(), known.device()),
                            known.commandsOpen())
                    .map(c -> MdmAnswer.ok(c.plist())).orElseGet(MdmAnswer::empty);
        });
    }

    private interface Step {
        MdmAnswer run(CheckInLookup.Facts known);
    }

    private MdmAnswer answer(DeviceRequest request, boolean mayRecall, Step step) {
        try {
            return step.run(identify(request, mayRecall));
        } catch (IdentityRefused e) {
            return refuse(request, e.reason().httpStatus(), e.reason() + ": " + e.getMessage());
        } catch (MessageRefused e) {
            return refuse(request, 400, e.reason() + ": " + e.getMessage());
        }
    }

    /**
     * The recorded, unrevoked identity of the certificate the request carries, with its device as
     * stored and whether it has open commands: one read of the store, or with {@code mayRecall} of
     * the check-in cache, which keeps quiet devices only (CheckInCache says what makes it forget).
     */
    private CheckInLookup.Facts identify(DeviceRequest request, boolean mayRecall) {
        String fingerprint;
        if (request.tlsClientCertificate() != null) {
            fingerprint = trust.check(request.tlsClientCertificate());
        } else if (request.forwardedCertificate() != null) {
            fingerprint = trust.checkForwarded(request.forwardedCertificate());
        } else {
            fingerprint = signatures.verifiedFingerprint(request.mdmSignature(), request.body());
        }
        return admitted(mayRecall ? lookup.recall(fingerprint) : lookup.lookUp(fingerprint));
    }

    private static CheckInLookup.Facts admitted(java.util.Optional<CheckInLookup.Facts> found) {
        CheckInLookup.Facts known = found.orElseThrow(() ->
                new IdentityRefused(IdentityRefused.Reason.UNKNOWN_IDENTITY,
                        "this certificate was not issued to a device by this server"));
        DeviceIdentity identity = known.identity();
        if (identity.revokedAt() != null) {
            throw new IdentityRefused(IdentityRefused.Reason.REVOKED, "this identity certificate was revoked on "
                    + identity.revokedAt());
        }
        if (identity.channel() != io.latchkey.core.action.ChannelKind.APPLE_MDM) {
            // The device CA serves every channel: a Windows device's certificate is not an Apple identity.
            throw new IdentityRefused(IdentityRefused.Reason.UNKNOWN_IDENTITY,
                    "this certificate was issued to a device of another channel");
        }
        return known;
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return DeviceIdentity.fingerprint(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IdentityRefused(IdentityRefused.Reason.MALFORMED, "the certificate cannot be encoded");
        }
    }

    private static boolean hasType(DeviceRequest request, String type) {
        String ct = request.contentType();
        if (ct == null) {
            return false;
        }
        String base = ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals(type);
    }

    private static MdmAnswer refuse(DeviceRequest request, int status, String problem) {
        LOG.warn("refused an Apple MDM request from {} ({} bytes): {} {}", request.remoteAddress(),
                request.body().length, status, problem);
        return MdmAnswer.refused(status, problem);
    }
}
