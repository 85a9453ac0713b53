package io.latchkey.wake;

import java.time.Instant;
import java.util.UUID;

/**
 * What a wake sender tells its owner about devices. Called on a virtual thread of the sender, so
 * an implementation may write to storage; an exception thrown here is logged and otherwise ignored.
 */
public interface WakeFeedback {

    /** The push service says {@code token} no longer reaches the device: stop using it until a new one is reported. */
    void tokenInvalid(UUID deviceId, String token, Instant since);
}
