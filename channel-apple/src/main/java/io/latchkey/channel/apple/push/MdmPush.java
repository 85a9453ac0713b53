package io.latchkey.channel.apple.push;

import java.util.Collection;

/**
 * Wakes Apple devices so that they check in and fetch their queued commands. The push itself
 * carries nothing but the device's {@code PushMagic}; everything else travels over the
 * check-in/command protocol.
 *
 * <p>Implementations never block the caller on the network, coalesce repeated wakes of one device
 * and bound the push rate.
 */
public interface MdmPush extends AutoCloseable {

    /**
     * Queues a wake-up for each target. A device already queued is not queued twice: the newest
     * target replaces the queued one. A device whose push is in flight gets at most one follow-up
     * push, because the push in flight may have left before whatever prompted this wake was stored.
     * Ignored after {@link #close()}.
     */
    void wake(Collection<PushTarget> targets);

    /** Stops sending; queued wakes are discarded. */
    @Override
    void close();
}
