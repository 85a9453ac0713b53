package io.latchkey.channel.windows.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.ADDRESSING;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.SOAP;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WSSE;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WSTEP;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WSU;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WS_TRUST;
import static io.latchkey.channel.windows.enrollment.XmlText.escape;

/**
 * The MS-WSTEP answer to a RequestSecurityToken: a {@code RequestSecurityTokenResponseCollection}
 * (Action {@code …/RSTRC/wstep}) whose {@code RequestedSecurityToken/BinarySecurityToken} (ValueType
 * DeviceEnrollmentProvisionDoc, EncodingType base64binary) holds the {@link ProvisioningDocument}
 * (MS-MDE2 §3.3; reference windows-mdm.md §1.1 row 3 and §1.2). The certificates come from the
 * caller's CA: this package issues nothing.
 */
public final class EnrollmentResponses {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The validity of the WS-Security Timestamp: the RSTR is consumed at once. */
    private static final Duration TIMESTAMP_VALIDITY = Duration.ofMinutes(5);

    private EnrollmentResponses() {
    }

    /** As below, now, with fresh random {@link AppAuth} digest credentials the caller does not keep. */
    public static byte[] issued(EnrollmentRequest request, ProvisioningSettings settings,
                                X509Certificate caCert, X509Certificate deviceCert) {
        return issued(request, settings, caCert, deviceCert, AppAuth.random(RANDOM), Instant.now());
    }

    /**
     * @param caCert     the CA to trust, installed under Root/System
     * @param deviceCert the certificate issued for {@link EnrollmentRequest#publicKey()}
     * @return the SOAP envelope, UTF-8, with RelatesTo = the request's MessageID
     * @throws IllegalArgumentException when the device certificate is not for the CSR's key (a caller bug)
     */
    public static byte[] issued(EnrollmentRequest request, ProvisioningSettings settings, X509Certificate caCert,
                                X509Certificate deviceCert, AppAuth appAuth, Instant now) {
        if (!Arrays.equals(deviceCert.getPublicKey().getEncoded(), request.publicKey().getEncoded())) {
            throw new IllegalArgumentException("the device certificate is not issued for the key of the request's CSR");
        }
        String document = ProvisioningDocument.write(request, settings, caCert, deviceCert, appAuth);
        String encoded = Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        StringBuilder xml = new StringBuilder(encoded.length() + 2048);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP).append("\" xmlns:a=\"").append(ADDRESSING)
                .append("\" xmlns:u=\"").append(WSU).append("\">")
                .append("<s:Header>")
                .append("<a:Action s:mustUnderstand=\"1\">").append(EnrollmentNames.RSTRC_ACTION).append("</a:Action>")
                .append("<a:RelatesTo>").append(escape(request.messageId())).append("</a:RelatesTo>")
                .append("<o:Security xmlns:o=\"").append(WSSE).append("\" s:mustUnderstand=\"1\">")
                .append("<u:Timestamp u:Id=\"_0\">")
                .append("<u:Created>").append(created).append("</u:Created>")
                .append("<u:Expires>").append(created.plus(TIMESTAMP_VALIDITY)).append("</u:Expires>")
                .append("</u:Timestamp>")
                .append("</o:Security>")
                .append("</s:Header>")
                .append("<s:Body>")
                .append("<RequestSecurityTokenResponseCollection xmlns=\"").append(WS_TRUST).append("\">")
                .append("<RequestSecurityTokenResponse>")
                .append("<TokenType>").append(EnrollmentNames.DEVICE_ENROLLMENT_TOKEN).append("</TokenType>")
                .append("<DispositionMessage xmlns=\"").append(WSTEP).append("\"/>")
                .append("<RequestedSecurityToken>")
                .append("<BinarySecurityToken xmlns=\"").append(WSSE).append("\" ValueType=\"")
                .append(EnrollmentNames.PROVISION_DOC_VALUE_TYPE).append("\" EncodingType=\"")
                .append(EnrollmentNames.BASE64_ENCODING).append("\">")
                .append(encoded)
                .append("</BinarySecurityToken>")
                .append("</RequestedSecurityToken>")
                .append("<RequestID xmlns=\"").append(WSTEP).append("\">0</RequestID>")
                .append("</RequestSecurityTokenResponse>")
                .append("</RequestSecurityTokenResponseCollection>")
                .append("</s:Body>")
                .append("</s:Envelope>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
