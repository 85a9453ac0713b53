package io.latchkey.channel.apple.mdm;

import java.security.cert.X509Certificate;

/**
 * A device's PUT to the check-in or command endpoint, as the HTTP layer hands it over.
 *
 * @param contentType          the Content-Type header, or null
 * @param mdmSignature         the {@code Mdm-Signature} header, or null
 * @param tlsClientCertificate the certificate the device presented in TLS to this server, or null
 * @param forwardedCertificate the certificate header of a proxy the HTTP layer trusts, or null
 * @param remoteAddress        for the log of refusals
 */
public record DeviceRequest(byte[] body, String contentType, String mdmSignature,
                            X509Certificate tlsClientCertificate, String forwardedCertificate, String remoteAddress) {
    public DeviceRequest {
        body = body == null ? new byte[0] : body;
    }
}
