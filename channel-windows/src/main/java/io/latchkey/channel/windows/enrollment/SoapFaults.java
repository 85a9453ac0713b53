package io.latchkey.channel.windows.enrollment;

import io.latchkey.core.Rejected;

import java.nio.charset.StandardCharsets;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.ADDRESSING;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.SOAP;
import static io.latchkey.channel.windows.enrollment.XmlText.escape;

/**
 * SOAP 1.2 faults that decline an enrollment message, shaped as MS-MDE2 §2.2.10 shows: the
 * operation's response Action, RelatesTo, {@code s:Code/s:Value} Sender or Receiver with the
 * MS-MDE2 subcode, and a reason the device may show. Used when the code or password is wrong
 * ({@link EnrollmentFault#AUTHENTICATION}) and for every {@link Rejected} message.
 */
public final class SoapFaults {
    /** The operation being declined; its response Action heads the fault, as in the spec's example. */
    public enum Operation {
        DISCOVER(EnrollmentNames.DISCOVER_RESPONSE_ACTION),
        GET_POLICIES(EnrollmentNames.GET_POLICIES_RESPONSE_ACTION),
        REQUEST_SECURITY_TOKEN(EnrollmentNames.RSTRC_ACTION);

        private final String responseAction;

        Operation(String responseAction) {
            this.responseAction = responseAction;
        }

        public String responseAction() {
            return responseAction;
        }
    }

    private SoapFaults() {
    }

    /**
     * @param relatesTo the request's MessageID, or null when the request could not be read
     * @param reason    plain text for the user; never credentials
     */
    public static byte[] fault(Operation operation, String relatesTo, EnrollmentFault fault, String reason) {
        StringBuilder xml = new StringBuilder(1024);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP).append("\" xmlns:a=\"").append(ADDRESSING).append("\">")
                .append("<s:Header>")
                .append("<a:Action s:mustUnderstand=\"1\">").append(operation.responseAction()).append("</a:Action>");
        if (relatesTo != null) {
            xml.append("<a:RelatesTo>").append(escape(relatesTo)).append("</a:RelatesTo>");
        }
        xml.append("</s:Header>")
                .append("<s:Body>")
                .append("<s:Fault>")
                .append("<s:Code><s:Value>").append(fault.code()).append("</s:Value>")
                .append("<s:Subcode><s:Value>").append(fault.subcode()).append("</s:Value></s:Subcode></s:Code>")
                .append("<s:Reason><s:Text xml:lang=\"en-US\">").append(escape(printable(reason))).append("</s:Text></s:Reason>")
                .append("</s:Fault>")
                .append("</s:Body>")
                .append("</s:Envelope>");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The fault for a refused request: its own subcode for an {@link EnrollmentRefused}, MessageFormat otherwise. */
    public static byte[] refused(Operation operation, String relatesTo, Rejected refusal) {
        return fault(operation, relatesTo, EnrollmentRefused.faultOf(refusal), refusal.getMessage());
    }

    private static String printable(String reason) {
        return reason == null ? "" : reason.codePoints()
                .map(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0xFFFE && c <= 0xFFFF) || (c >= 0xD800 && c <= 0xDFFF) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
