package io.latchkey.channel.windows.xml;

import io.latchkey.core.Rejected;

/**
 * A device's XML body was refused (malformed, too large, a DOCTYPE, the wrong root). A
 * {@link Rejected} of kind INVALID, so the HTTP layer answers 400 and never 500; the message never
 * quotes the body (it may carry credentials).
 */
public final class XmlRefused extends Rejected {
    public XmlRefused(String message) {
        super(Kind.INVALID, message);
    }
}
