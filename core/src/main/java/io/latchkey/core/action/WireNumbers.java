package io.latchkey.core.action;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The numbers one command carries in one message on the wire ({@link WireRef}s of a device's
 * session and message), stored together with the command's move to sent when a channel hands it
 * out numbered ({@link CommandOutbox#deliverNumbered}): one write per command instead of two.
 */
public record WireNumbers(UUID deviceId, String sessionId, int msgId, List<WireRef> refs) {
    public WireNumbers {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(sessionId, "sessionId");
        refs = List.copyOf(refs);
    }
}
