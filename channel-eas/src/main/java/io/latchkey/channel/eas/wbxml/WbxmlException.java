package io.latchkey.channel.eas.wbxml;

/**
 * A body that is not the WBXML EAS speaks (bad version, unknown code page or token, truncated,
 * nested too deep, a string or opaque block too long, attributes or tokens EAS never uses). The
 * gateway answers it with HTTP 400 (MS-ASHTTP §2.2.2.1.1: "400 Bad Request").
 */
public final class WbxmlException extends RuntimeException {
    public WbxmlException(String message) {
        super(message);
    }
}
