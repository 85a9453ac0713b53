package io.latchkey.channel.windows.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

import javax.security.auth.x500.X500Principal;

import static io.latchkey.channel.windows.enrollment.XmlText.escape;

/**
 * The {@code wap-provisioningdoc} carried base64 in the RSTR (reference windows-mdm.md §1.2, the
 * structure decoded from the real capture and the Microsoft sample):
 * <ul>
 * <li>CertificateStore: the CA under Root/System and the device certificate under My/User (My/System
 *     for EnrollmentType Device) with a PrivateKeyContainer, each named by its SHA-1 thumbprint;</li>
 * <li>APPLICATION w7: the OMA-DM account (ADDR = management URL), the client certificate to present
 *     (SSLCLIENTCERTSEARCHCRITERIA) and the APPAUTH CLIENT/APPSRV entries;</li>
 * <li>DMClient/Provider/&lt;ProviderID&gt;: EntDMID and the Poll schedule.</li>
 * </ul>
 */
public final class ProvisioningDocument {
    /** ROLE as in the capture: every security role (the reference notes 32 = enterprise). */
    static final String ROLE = "4294967295";
    static final String ENCODING = "application/vnd.syncml.dm+xml";

    private ProvisioningDocument() {
    }

    /** @return the document's XML text */
    public static String write(EnrollmentRequest request, ProvisioningSettings settings, X509Certificate caCert,
                               X509Certificate deviceCert, AppAuth appAuth) {
        String store = request.deviceEnrollment() ? "System" : "User";
        StringBuilder xml = new StringBuilder(8192);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.append("<wap-provisioningdoc version=\"1.1\">");
        open(xml, "CertificateStore");
        open(xml, "Root");
        open(xml, "System");
        certificate(xml, caCert);
        close(xml); // System
        close(xml); // Root
        open(xml, "My");
        open(xml, store);
        certificate(xml, deviceCert);
        xml.append("<characteristic type=\"PrivateKeyContainer\"/>");
        close(xml); // User or System
        close(xml); // My
        close(xml); // CertificateStore

        open(xml, "APPLICATION");
        parm(xml, "APPID", "w7");
        parm(xml, "PROVIDER-ID", settings.providerId());
        parm(xml, "NAME", settings.providerName());
        parm(xml, "ADDR", settings.managementUrl().toString());
        settings.serverListUrl().ifPresent(u -> parm(xml, "ServerList", u.toString()));
        parm(xml, "ROLE", ROLE);
        xml.append("<parm name=\"BACKCOMPATRETRYDISABLED\"/>");
        parm(xml, "DEFAULTENCODING", ENCODING);
        parm(xml, "SSLCLIENTCERTSEARCHCRITERIA", searchCriteria(deviceCert, store));
        open(xml, "APPAUTH");
        parm(xml, "AAUTHLEVEL", "CLIENT");
        parm(xml, "AAUTHTYPE", "DIGEST");
        parm(xml, "AAUTHSECRET", appAuth.clientSecret());
        parm(xml, "AAUTHDATA", appAuth.clientNonce());
        close(xml);
        open(xml, "APPAUTH");
        parm(xml, "AAUTHLEVEL", "APPSRV");
        parm(xml, "AAUTHTYPE", "DIGEST");
        parm(xml, "AAUTHNAME", appAuth.serverName());
        parm(xml, "AAUTHSECRET", appAuth.serverSecret());
        close(xml); // APPAUTH
        close(xml); // APPLICATION

        open(xml, "DMClient");
        open(xml, "Provider");
        open(xml, settings.providerId());
        parm(xml, "EntDMID", request.deviceId());
        open(xml, "Poll");
        integer(xml, "NumberOfFirstRetries", settings.firstRetries());
        integer(xml, "IntervalForFirstSetOfRetries", settings.firstRetryIntervalMinutes());
        integer(xml, "NumberOfSecondRetries", settings.secondRetries());
        integer(xml, "IntervalForSecondSetOfRetries", settings.secondRetryIntervalMinutes());
        integer(xml, "NumberOfRemainingScheduledRetries", 0);
        integer(xml, "IntervalForRemainingScheduledRetries", settings.pollIntervalMinutes());
        xml.append("<parm name=\"PollOnLogin\" value=\"").append(settings.pollOnLogin()).append("\" datatype=\"boolean\"/>");
        close(xml); // Poll
        close(xml); // <ProviderID>
        close(xml); // Provider
        close(xml); // DMClient
        xml.append("</wap-provisioningdoc>");
        return xml.toString();
    }

    /** Upper-case hex SHA-1 of the DER certificate: the characteristic name Windows stores it under. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot fingerprint the certificate", e);
        }
    }

    /**
     * {@code Subject=<DN>&Stores=My\<store>}, each value percent-encoded, as in the capture
     * ({@code Stores=My%5CUser}) and the Microsoft sample. The DN is the RFC 2253 form of the
     * device certificate's subject (identical to Windows' order for a one-RDN subject such as
     * {@code CN=<DeviceID>}).
     */
    static String searchCriteria(X509Certificate deviceCert, String store) {
        String subject = deviceCert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        return "Subject=" + percent(subject) + "&Stores=" + percent("My\\" + store);
    }

    static String percent(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    private static void certificate(StringBuilder xml, X509Certificate cert) {
        try {
            open(xml, thumbprint(cert));
            parm(xml, "EncodedCertificate", Base64.getEncoder().encodeToString(cert.getEncoded()));
            close(xml);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the certificate", e);
        }
    }

    private static void open(StringBuilder xml, String type) {
        xml.append("<characteristic type=\"").append(escape(type)).append("\">");
    }

    private static void close(StringBuilder xml) {
        xml.append("</characteristic>");
    }

    private static void parm(StringBuilder xml, String name, String value) {
        xml.append("<parm name=\"").append(escape(name)).append("\" value=\"").append(escape(value)).append("\"/>");
    }

    private static void integer(StringBuilder xml, String name, int value) {
        xml.append("<parm name=\"").append(name).append("\" value=\"").append(value).append("\" datatype=\"integer\"/>");
    }
}
