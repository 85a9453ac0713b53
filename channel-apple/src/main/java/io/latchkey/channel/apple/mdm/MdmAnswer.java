package io.latchkey.channel.apple.mdm;

/**
 * What the HTTP layer sends back: 200 with a command plist or a zero-byte body (which ends the
 * device's exchange, shared/reference/apple-mdm.md §1), or an error status with a short reason
 * for the log. The reason never quotes the body.
 */
public record MdmAnswer(int status, byte[] body, String problem) {
    public static final String PLIST_CONTENT_TYPE = "application/xml; charset=UTF-8";

    static MdmAnswer ok(byte[] body) {
        return new MdmAnswer(200, body, null);
    }

    static MdmAnswer empty() {
        return new MdmAnswer(200, new byte[0], null);
    }

    static MdmAnswer refused(int status, String problem) {
        return new MdmAnswer(status, new byte[0], problem);
    }
}
