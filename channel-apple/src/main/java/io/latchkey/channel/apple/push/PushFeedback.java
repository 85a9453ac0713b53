package io.latchkey.channel.apple.push;

import java.time.Instant;
import java.util.UUID;

/**
 * What the push sender tells its owner about devices. Called on a virtual thread of the sender,
 * never on a Netty event loop, so an implementation may write to storage. An exception thrown here
 * is logged and otherwise ignored.
 */
public interface PushFeedback extends io.latchkey.wake.WakeFeedback {

    /**
     * APNs said this token is no longer valid (HTTP 410 {@code Unregistered}, or HTTP 400
     * {@code BadDeviceToken} / {@code DeviceTokenNotForTopic}). The sender does not retry it;
     * the owner should stop waking the device with this token until a newer TokenUpdate arrives.
     *
     * @param since APNs's token invalidation timestamp when it gave one, otherwise the time of the answer
     */
    @Override
    void tokenInvalid(UUID deviceId, String token, Instant since);
}
