package io.latchkey.server.apple;

import io.latchkey.channel.apple.push.MdmPush;
import io.latchkey.channel.apple.push.PushTarget;

import java.util.Collection;

/**
 * No APNs credentials configured: nothing is pushed, and devices get their commands when they
 * check in on their own (at enrollment, on a user's "Sync", or when something else wakes them).
 */
public final class NoApplePush implements MdmPush {
    @Override
    public void wake(Collection<PushTarget> targets) {
        // Nothing to push with: see the warning logged at start.
    }

    @Override
    public void close() {
    }
}
