package io.latchkey.channel.windows.enrollment;

import org.w3c.dom.Element;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.PASSWORD_TEXT;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.WSSE;

/**
 * The OnPremise credential: {@code wsse:Security/wsse:UsernameToken} in the header of both
 * GetPolicies and RequestSecurityToken (reference windows-mdm.md §1.3; the Windows 10 capture sends
 * {@code Username} and a {@code PasswordText} {@code Password}). What the user typed in the
 * Workplace dialog: the e-mail (or user name) and the password, here an enrollment code.
 */
public record UsernameToken(String username, String password) {

    /** @throws EnrollmentRefused (InvalidSecurity) when the header has no readable UsernameToken */
    static UsernameToken read(Element header) {
        Element security = SoapEnvelope.child(header, WSSE, "Security")
                .orElseThrow(() -> new EnrollmentRefused(EnrollmentFault.INVALID_SECURITY, "no wsse:Security header"));
        Element token = SoapEnvelope.child(security, WSSE, "UsernameToken")
                .orElseThrow(() -> new EnrollmentRefused(EnrollmentFault.INVALID_SECURITY,
                        "no wsse:UsernameToken (only the OnPremise auth policy is served)"));
        String username = SoapEnvelope.optionalText(token, WSSE, "Username")
                .orElseThrow(() -> new EnrollmentRefused(EnrollmentFault.INVALID_SECURITY, "the UsernameToken has no Username"));
        Element passwordElement = SoapEnvelope.child(token, WSSE, "Password")
                .orElseThrow(() -> new EnrollmentRefused(EnrollmentFault.INVALID_SECURITY, "the UsernameToken has no Password"));
        // The device qualifies the attribute (wsse:Type); WS-Security's own samples do not.
        String type = passwordElement.hasAttributeNS(WSSE, "Type") ? passwordElement.getAttributeNS(WSSE, "Type")
                : passwordElement.getAttribute("Type");
        if (!type.isEmpty() && !type.strip().equals(PASSWORD_TEXT)) {
            throw new EnrollmentRefused(EnrollmentFault.INVALID_SECURITY, "only PasswordText passwords are accepted");
        }
        return new UsernameToken(username, SoapEnvelope.text(passwordElement));
    }

    @Override
    public String toString() {
        return "UsernameToken[username=" + username + ", password=***]";
    }
}
