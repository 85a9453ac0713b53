package io.latchkey.simulator.windows;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.latchkey.simulator.windows.Xml.escape;

/**
 * The three SOAP 1.2 requests of an OnPremise enrollment, shaped like the captured Windows 10 client's
 * (shared/fixtures/windows/windows10-enrollment-and-sessions.capture.txt; shared/reference/windows-mdm.md §1.1, §1.3):
 * MS-MDE2 {@code Discover}, MS-XCEP {@code GetPolicies} and MS-WSTEP {@code RequestSecurityToken},
 * the last two carrying the user's credential as a {@code wsse:UsernameToken} with a PasswordText password.
 */
final class EnrollmentMessages {

    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://www.w3.org/2005/08/addressing";
    static final String DISCOVERY = "http://schemas.microsoft.com/windows/management/2012/01/enrollment";
    static final String POLICY = "http://schemas.microsoft.com/windows/pki/2009/01/enrollmentpolicy";
    static final String WSTEP = "http://schemas.microsoft.com/windows/pki/2009/01/enrollment";
    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    static final String TRUST = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
    static final String CONTEXT = "http://schemas.xmlsoap.org/ws/2006/12/authorization";

    static final String DISCOVER_ACTION = DISCOVERY + "/IDiscoveryService/Discover";
    static final String GET_POLICIES_ACTION = POLICY + "/IPolicy/GetPolicies";
    static final String RST_ACTION = WSTEP + "/RST/wstep";
    static final String TOKEN_TYPE = "http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentToken";
    static final String ISSUE = TRUST + "/Issue";
    static final String PKCS10 = WSTEP + "#PKCS10";
    static final String BASE64_BINARY = WSSE + "#base64binary";
    static final String PROVISION_DOC = "http://schemas.microsoft.com/5.0.0.0/ConfigurationManager/Enrollment/DeviceEnrollmentProvisionDoc";
    static final String PASSWORD_TEXT = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";

    private static final String ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";

    private EnrollmentMessages() {
    }

    static String discover(String messageId, URI to, String email, WindowsPersonality p) {
        return "<s:Envelope xmlns:a=\"" + ADDRESSING + "\" xmlns:s=\"" + SOAP + "\">\n"
                + header(DISCOVER_ACTION, messageId, to, null)
                + "  <s:Body>\n"
                + "    <Discover xmlns=\"" + DISCOVERY + "\">\n"
                + "      <request xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
                + "        <EmailAddress>" + escape(email) + "</EmailAddress>\n"
                + "        <RequestVersion>" + p.requestVersion() + "</RequestVersion>\n"
                + "        <DeviceType>" + p.deviceType() + "</DeviceType>\n"
                + "        <ApplicationVersion>" + p.applicationVersion() + "</ApplicationVersion>\n"
                + "        <OSEdition>" + p.osEdition() + "</OSEdition>\n"
                + "        <AuthPolicies>\n"
                + "          <AuthPolicy>OnPremise</AuthPolicy>\n"
                + "          <AuthPolicy>Federated</AuthPolicy>\n"
                + "        </AuthPolicies>\n"
                + "      </request>\n"
                + "    </Discover>\n"
                + "  </s:Body>\n"
                + "</s:Envelope>\n";
    }

    static String getPolicies(String messageId, URI to, String tokenId, String user, String password) {
        return envelopeOpen()
                + header(GET_POLICIES_ACTION, messageId, to, usernameToken(tokenId, user, password))
                + "  <s:Body xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">\n"
                + "    <GetPolicies xmlns=\"" + POLICY + "\">\n"
                + "      <client>\n"
                + "        <lastUpdate xsi:nil=\"true\"/>\n"
                + "        <preferredLanguage xsi:nil=\"true\"/>\n"
                + "      </client>\n"
                + "      <requestFilter xsi:nil=\"true\"/>\n"
                + "    </GetPolicies>\n"
                + "  </s:Body>\n"
                + "</s:Envelope>\n";
    }

    /** {@code context}: AdditionalContext items in order; a name may repeat (MAC). */
    static String requestSecurityToken(String messageId, URI to, String tokenId, String user, String password,
                                       byte[] csr, List<Map.Entry<String, String>> context) {
        StringBuilder b = new StringBuilder(envelopeOpen())
                .append(header(RST_ACTION, messageId, to, usernameToken(tokenId, user, password)))
                .append("  <s:Body>\n")
                .append("    <wst:RequestSecurityToken>\n")
                .append("      <wst:TokenType>").append(TOKEN_TYPE).append("</wst:TokenType>\n")
                .append("      <wst:RequestType>").append(ISSUE).append("</wst:RequestType>\n")
                .append("      <wsse:BinarySecurityToken ValueType=\"").append(PKCS10).append("\" EncodingType=\"")
                .append(BASE64_BINARY).append("\">").append(Base64.getEncoder().encodeToString(csr))
                .append("</wsse:BinarySecurityToken>\n")
                .append("      <ac:AdditionalContext xmlns=\"").append(CONTEXT).append("\">\n");
        for (Map.Entry<String, String> item : context) {
            b.append("        <ac:ContextItem Name=\"").append(escape(item.getKey())).append("\">\n")
                    .append("          <ac:Value>").append(escape(item.getValue())).append("</ac:Value>\n")
                    .append("        </ac:ContextItem>\n");
        }
        return b.append("      </ac:AdditionalContext>\n")
                .append("    </wst:RequestSecurityToken>\n")
                .append("  </s:Body>\n")
                .append("</s:Envelope>\n").toString();
    }

    private static String envelopeOpen() {
        return "<s:Envelope xmlns:s=\"" + SOAP + "\" xmlns:a=\"" + ADDRESSING + "\" xmlns:u=\"" + WSU
                + "\" xmlns:wsse=\"" + WSSE + "\" xmlns:wst=\"" + TRUST + "\" xmlns:ac=\"" + CONTEXT + "\">\n";
    }

    private static String header(String action, String messageId, URI to, String security) {
        return "  <s:Header>\n"
                + "    <a:Action s:mustUnderstand=\"1\">" + action + "</a:Action>\n"
                + "    <a:MessageID>" + messageId + "</a:MessageID>\n"
                + "    <a:ReplyTo>\n"
                + "      <a:Address>" + ANONYMOUS + "</a:Address>\n"
                + "    </a:ReplyTo>\n"
                + "    <a:To s:mustUnderstand=\"1\">" + escape(to.toString()) + "</a:To>\n"
                + (security == null ? "" : security)
                + "  </s:Header>\n";
    }

    private static String usernameToken(String tokenId, String user, String password) {
        return "    <wsse:Security s:mustUnderstand=\"1\">\n"
                + "      <wsse:UsernameToken u:Id=\"" + tokenId + "\">\n"
                + "        <wsse:Username>" + escape(user) + "</wsse:Username>\n"
                + "        <wsse:Password wsse:Type=\"" + PASSWORD_TEXT + "\">" + escape(password) + "</wsse:Password>\n"
                + "      </wsse:UsernameToken>\n"
                + "    </wsse:Security>\n";
    }
}
