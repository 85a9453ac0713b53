package io.latchkey.channel.windows.enrollment;

import org.w3c.dom.Element;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.DISCOVERY;

/**
 * The SOAP {@code Discover} POST to {@code /EnrollmentServer/Discovery.svc} (MS-MDE2 §3.1.4.1;
 * elements per §3.1.4.1.3.1 DiscoveryRequest). Only {@code EmailAddress} and {@code RequestVersion}
 * exist in MS-MDE v1 (Windows 8.1), so every other element is optional here.
 *
 * @param requestVersion the highest enrollment version the client speaks, e.g. {@code 4.0} on
 *                       Windows 10 19043 (capture), absent or below 3.0 on MS-MDE v1 clients
 * @param authPolicies   {@code OnPremise}, {@code Federated}, {@code Certificate}; empty when absent
 */
public record DiscoverRequest(String messageId, String emailAddress, Optional<String> requestVersion,
                              Optional<String> deviceType, Optional<String> applicationVersion,
                              Optional<String> osEdition, List<String> authPolicies) {

    /** @throws io.latchkey.core.Rejected (400 kind) when the body is not a Discover message */
    public static DiscoverRequest parse(byte[] body) {
        SoapEnvelope envelope = SoapEnvelope.read(body, EnrollmentNames.DISCOVER_ACTION, DISCOVERY, "Discover");
        Element request = SoapEnvelope.required(envelope.payload(), DISCOVERY, "request");
        Optional<String> version = SoapEnvelope.optionalText(request, DISCOVERY, "RequestVersion");
        version.ifPresent(DiscoverRequest::decimal);
        List<String> policies = SoapEnvelope.child(request, DISCOVERY, "AuthPolicies")
                .map(p -> SoapEnvelope.children(p, DISCOVERY, "AuthPolicy").stream().map(SoapEnvelope::text).toList())
                .orElse(List.of());
        return new DiscoverRequest(envelope.messageId(),
                SoapEnvelope.optionalText(request, DISCOVERY, "EmailAddress").orElse(""),
                version,
                SoapEnvelope.optionalText(request, DISCOVERY, "DeviceType"),
                SoapEnvelope.optionalText(request, DISCOVERY, "ApplicationVersion"),
                SoapEnvelope.optionalText(request, DISCOVERY, "OSEdition"),
                policies);
    }

    /** True when the client lists OnPremise, or lists nothing (MS-MDE v1 clients know no other policy). */
    public boolean acceptsOnPremise() {
        return authPolicies.isEmpty() || authPolicies.contains(EnrollmentNames.ON_PREMISE);
    }

    static BigDecimal decimal(String version) {
        // xsd:decimal in the schema; real values are 4.0 and 5.0. A plain pattern keeps "1E999999" out.
        if (!version.matches("[0-9]{1,3}(\\.[0-9]{1,3})?")) {
            throw EnrollmentRefused.format("RequestVersion is not a decimal version number");
        }
        return new BigDecimal(version);
    }
}
