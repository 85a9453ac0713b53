package io.latchkey.channel.apple.plist;

import io.latchkey.core.Rejected;

/**
 * A plist body from a device was refused. It is a {@link Rejected} of kind INVALID, so the HTTP
 * layer answers 400 for every reason; the reason lets it log and count refusals without logging the
 * body (which may carry push tokens and unlock tokens).
 */
public final class MessageRefused extends Rejected {

    public enum Reason {
        EMPTY,
        TOO_LARGE,
        NOT_A_PLIST,
        NOT_A_DICTIONARY,
        MISSING_KEY,
        WRONG_TYPE,
        UNKNOWN_MESSAGE_TYPE,
        UNKNOWN_STATUS,
        NO_DEVICE_IDENTIFIER
    }

    private final Reason reason;

    public MessageRefused(Reason reason, String message) {
        super(Kind.INVALID, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Device-supplied text quoted in a refusal (a MessageType, a Status): short and printable, so a
     * hostile value cannot forge log lines or flood them.
     */
    public static String quote(String deviceText) {
        StringBuilder out = new StringBuilder("'");
        deviceText.codePoints().limit(64)
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.append(deviceText.length() > 64 ? "…'" : "'").toString();
    }
}
