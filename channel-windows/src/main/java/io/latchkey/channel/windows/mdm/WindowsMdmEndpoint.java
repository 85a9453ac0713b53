package io.latchkey.channel.windows.mdm;

import io.latchkey.ca.IssuedHere;
import io.latchkey.channel.windows.syncml.SyncMessage;
import io.latchkey.channel.windows.syncml.SyncMlReader;
import io.latchkey.channel.windows.syncml.SyncMlWriter;
import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.CheckInLookup;
import io.latchkey.core.enrollment.DeviceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The OMA-DM management endpoint, independent of HTTP (shared/reference/windows-mdm.md §2.5): the
 * device is its TLS client certificate (or the one a trusted proxy forwards), which must be a
 * device certificate of this CA, recorded, unrevoked, issued for Windows and bound to the DeviceID
 * the SyncHdr names as Source. Refusals: 401 (no certificate), 403 (any other identity problem),
 * 415 (not SyncML), 400 (malformed SyncML); logged with the reason, never the body.
 */
public final class WindowsMdmEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(WindowsMdmEndpoint.class);
    public static final String CONTENT_TYPE = "application/vnd.syncml.dm+xml";

    /** What the HTTP layer sends back: a SyncML body, or an error status with a reason for the log. */
    public record Answer(int status, byte[] body, String problem) {
    }

    private final X509Certificate deviceCa;
    private final CheckInLookup lookup;
    private final WindowsSession session;
    private final Clock clock;

    /** @param lookup the store's: the identity and its device in one read (its own statement kept per connection) */
    public WindowsMdmEndpoint(X509Certificate deviceCa, CheckInLookup lookup, WindowsSession session, Clock clock) {
        this.deviceCa = deviceCa;
        this.lookup = lookup;
        this.session = session;
        this.clock = clock;
    }

    /** @param certificate the client certificate (TLS or forwarded by a trusted proxy), or null */
    public Answer handle(byte[] body, String contentType, X509Certificate certificate, String remoteAddress) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals(CONTENT_TYPE)) {
            return refuse(remoteAddress, body, 415, "an OMA-DM message has Content-Type " + CONTENT_TYPE);
        }
        if (certificate == null) {
            return refuse(remoteAddress, body, 401, "no client certificate");
        }
        Optional<String> problem = IssuedHere.problem(deviceCa, certificate, clock.instant());
        if (problem.isPresent()) {
            return refuse(remoteAddress, body, 403, problem.get());
        }
        SyncMessage message;
        try {
            message = SyncMlReader.read(body);
        } catch (Rejected e) {
            return refuse(remoteAddress, body, 400, e.getMessage());
        }
        // One read for the identity and its device: two separate reads were 2.7 % of all CPU samples in
        // the 100,000-device lock's JFR (BENCHMARKS.md).
        Optional<CheckInLookup.Facts> known = factsOf(certificate);
        DeviceIdentity identity = known.map(CheckInLookup.Facts::identity)
                .filter(i -> i.revokedAt() == null && i.channel() == ChannelKind.WINDOWS_MDM && i.bound()).orElse(null);
        if (identity == null) {
            return refuse(remoteAddress, body, 403, "not a recorded, unrevoked Windows device identity");
        }
        if (!identity.externalId().equalsIgnoreCase(message.header().sourceLocUri())) {
            return refuse(remoteAddress, body, 403, "the message names another DeviceID than the certificate's");
        }
        if (known.get().device().isEmpty()) {
            return refuse(remoteAddress, body, 403, "the device this identity was bound to is gone");
        }
        return new Answer(200, SyncMlWriter.write(session.handle(message, known.get().device().get())), null);
    }

    private Optional<CheckInLookup.Facts> factsOf(X509Certificate cert) {
        try {
            return lookup.lookUp(DeviceIdentity.fingerprint(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            return Optional.empty();
        }
    }

    private static Answer refuse(String remoteAddress, byte[] body, int status, String problem) {
        LOG.warn("refused a Windows OMA-DM request from {} ({} bytes): {} {}", remoteAddress,
                body == null ? 0 : body.length, status, problem);
        return new Answer(status, new byte[0], problem);
    }
}
