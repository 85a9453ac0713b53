package io.latchkey.simulator.apple;

import com.dd.plist.NSDictionary;

import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/**
 * A device's two MDM endpoints as its profile names them: check-ins to CheckInURL, command
 * sessions to ServerURL, each an HTTP PUT of an XML plist, signed in {@code Mdm-Signature} when the
 * profile has SignMessage (shared/reference/apple-mdm.md §1, "Transport").
 */
final class MdmConnection {

    static final String CHECKIN_CONTENT_TYPE = "application/x-apple-aspen-mdm-checkin";
    static final String COMMAND_CONTENT_TYPE = "application/x-apple-aspen-mdm; charset=UTF-8";

    private final DeviceHttp http;
    private final EnrollmentProfile.Mdm mdm;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final boolean mac;

    MdmConnection(DeviceHttp http, EnrollmentProfile.Mdm mdm, PrivateKey key, X509Certificate certificate,
                  boolean mac) {
        this.http = http;
        this.mdm = mdm;
        this.key = key;
        this.certificate = certificate;
        this.mac = mac;
    }

    DeviceHttp.Reply checkin(NSDictionary message) throws IOException, InterruptedException {
        return put(mdm.checkInUrl(), message, CHECKIN_CONTENT_TYPE);
    }

    DeviceHttp.Reply report(NSDictionary result) throws IOException, InterruptedException {
        return put(mdm.serverUrl(), result, COMMAND_CONTENT_TYPE);
    }

    SignedRequest prepareReport(NSDictionary result) {
        return prepare(mdm.serverUrl(), result, COMMAND_CONTENT_TYPE);
    }

    private DeviceHttp.Reply put(URI uri, NSDictionary message, String contentType)
            throws IOException, InterruptedException {
        SignedRequest r = prepare(uri, message, contentType);
        return http.put(r.url(), r.body(), r.contentType(), r.identityHeaders(), mac);
    }

    private SignedRequest prepare(URI uri, NSDictionary message, String contentType) {
        byte[] body = Plists.xml(message);
        Optional<String> proxyHeader = http.proxyCertificateHeader();
        if (proxyHeader.isPresent()) {
            return new SignedRequest(uri, body, contentType, Map.of(proxyHeader.get(), escapedPem()));
        }
        // Without SignMessage a real device proves itself with its identity as TLS client
        // certificate; this simulator does not do mutual TLS, so such a request goes unsigned.
        return new SignedRequest(uri, body, contentType, mdm.signMessage()
                ? Map.of("Mdm-Signature", MdmSignature.sign(body, key, certificate)) : Map.of());
    }

    /** The identity certificate as nginx forwards it: PEM, URL-escaped. */
    private String escapedPem() {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            return java.net.URLEncoder.encode(pem, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
