package io.latchkey.channel.windows.enrollment;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.POLICY;

/**
 * The MS-XCEP {@code GetPolicies} POST to the EnrollmentPolicyServiceUrl (MS-MDE2 §3.2, MS-XCEP
 * §3.1.4.1), carrying the OnPremise {@link UsernameToken}. The body's {@code client} and
 * {@code requestFilter} are nil on real devices and not read.
 */
public record PolicyRequest(String messageId, UsernameToken credentials) {

    /** @throws io.latchkey.core.Rejected (400 kind) when the body is not a GetPolicies with a UsernameToken */
    public static PolicyRequest parse(byte[] body) {
        SoapEnvelope envelope = SoapEnvelope.read(body, EnrollmentNames.GET_POLICIES_ACTION, POLICY, "GetPolicies");
        return new PolicyRequest(envelope.messageId(), UsernameToken.read(envelope.header()));
    }
}
