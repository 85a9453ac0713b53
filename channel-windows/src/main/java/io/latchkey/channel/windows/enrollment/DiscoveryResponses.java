package io.latchkey.channel.windows.enrollment;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.ADDRESSING;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.DISCOVERY;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.SOAP;
import static io.latchkey.channel.windows.enrollment.XmlText.escape;

/**
 * The {@code DiscoverResponse} (MS-MDE2 §3.1.4.1.3.2 DiscoveryResponse): the OnPremise auth policy,
 * the MS-XCEP and MS-WSTEP endpoint URLs and, for MS-MDE2 clients, the enrollment version.
 */
public final class DiscoveryResponses {
    /** MS-MDE2 clients (Windows 10) send 3.0 and up; MS-MDE v1 (Windows 8.1) predates the element. */
    static final BigDecimal FIRST_MDE2_VERSION = new BigDecimal("3.0");

    private DiscoveryResponses() {
    }

    /**
     * @param policyUrl     the MS-XCEP endpoint (EnrollmentPolicyServiceUrl)
     * @param enrollmentUrl the MS-WSTEP endpoint (EnrollmentServiceUrl); the on-premise guide
     *                      requires both on the same host name, so a mismatch is a server error
     * @return the SOAP envelope, UTF-8
     * @throws EnrollmentRefused (Authorization) when the client does not accept OnPremise
     * @throws IllegalArgumentException when the URLs are not https on one host
     */
    public static byte[] discover(DiscoverRequest request, URI policyUrl, URI enrollmentUrl) {
        requireSameHttpsHost(policyUrl, enrollmentUrl);
        if (!request.acceptsOnPremise()) {
            throw new EnrollmentRefused(EnrollmentFault.AUTHORIZATION,
                    "the client does not accept the OnPremise auth policy, the only one served");
        }
        StringBuilder xml = new StringBuilder(1024);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP).append("\" xmlns:a=\"").append(ADDRESSING).append("\">")
                .append("<s:Header>")
                .append("<a:Action s:mustUnderstand=\"1\">").append(EnrollmentNames.DISCOVER_RESPONSE_ACTION).append("</a:Action>")
                .append("<a:RelatesTo>").append(escape(request.messageId())).append("</a:RelatesTo>")
                .append("</s:Header>")
                .append("<s:Body>")
                .append("<DiscoverResponse xmlns=\"").append(DISCOVERY).append("\">")
                .append("<DiscoverResult>")
                .append("<AuthPolicy>").append(EnrollmentNames.ON_PREMISE).append("</AuthPolicy>");
        enrollmentVersion(request).ifPresent(v -> xml.append("<EnrollmentVersion>").append(v).append("</EnrollmentVersion>"));
        xml.append("<EnrollmentPolicyServiceUrl>").append(escape(policyUrl.toString())).append("</EnrollmentPolicyServiceUrl>")
                .append("<EnrollmentServiceUrl>").append(escape(enrollmentUrl.toString())).append("</EnrollmentServiceUrl>")
                .append("</DiscoverResult>")
                .append("</DiscoverResponse>")
                .append("</s:Body>")
                .append("</s:Envelope>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The version answered: the client's own RequestVersion when it is an MS-MDE2 client (the
     * capture answers 4.0 to 4.0), none for MS-MDE v1 clients, for which EnrollmentVersion is
     * optional (minOccurs 0 in §3.1.4.1.3.2). What Windows 8.1 sends as RequestVersion is not
     * confirmed by any source in the reference (§4, §7).
     */
    public static Optional<String> enrollmentVersion(DiscoverRequest request) {
        return request.requestVersion()
                .filter(v -> DiscoverRequest.decimal(v).compareTo(FIRST_MDE2_VERSION) >= 0);
    }

    private static void requireSameHttpsHost(URI a, URI b) {
        for (URI u : new URI[]{a, b}) {
            if (!u.isAbsolute() || !"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("enrollment endpoints must be absolute https URLs: " + u);
            }
        }
        if (!a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the policy and enrollment services must be on the same host name");
        }
    }
}
