package io.latchkey.channel.apple.mdm;

import io.latchkey.channel.apple.push.MdmPush;
import io.latchkey.channel.apple.push.PushFeedback;
import io.latchkey.channel.apple.push.PushTarget;
import io.latchkey.core.action.Channel;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.enrollment.PushAddress;
import io.latchkey.core.enrollment.PushAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Apple channel's side of the engine: commands that became due wake their devices by APNs
 * (payload {@code {"mdm": PushMagic}}, shared/reference/apple-mdm.md §3); the devices then pull
 * them through the command endpoint ({@link AppleCommandSession}). A device with no push address
 * yet, or whose token APNs refused, gets its commands at its next check-in.
 */
public final class AppleChannel implements Channel, PushFeedback {
    /** The actor named in command history for what Apple devices and this channel do. */
    public static final String ACTOR = "apple-mdm";
    private static final Logger LOG = LoggerFactory.getLogger(AppleChannel.class);

    private final PushAddresses addresses;
    private final MdmPush push;

    /** @param pushFor makes the push sender, given where it reports refused tokens (this channel) */
    public AppleChannel(PushAddresses addresses, java.util.function.Function<PushFeedback, MdmPush> pushFor) {
        this.addresses = addresses;
        this.push = pushFor.apply(this);
    }

    /** The push sender, for its owner to close. */
    public MdmPush push() {
        return push;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.APPLE_MDM;
    }

    /** One push per device, however many of its commands are due; {@link MdmPush} coalesces across calls. */
    @Override
    public void commandsDue(List<Command> due) {
        Set<UUID> devices = new LinkedHashSet<>();
        due.forEach(c -> devices.add(c.deviceId()));
        Map<UUID, PushAddress> found = addresses.findAll(devices);
        List<PushTarget> targets = new ArrayList<>(found.size());
        for (PushAddress a : found.values()) {
            if (a.valid() && a.magic() != null && a.topic() != null) {
                targets.add(new PushTarget(a.deviceId(), a.token(), a.magic(), a.topic()));
            }
        }
        push.wake(targets);
        if (targets.size() < devices.size()) {
            LOG.debug("{} of {} device(s) have no valid push address; they get their commands at their next check-in",
                    devices.size() - targets.size(), devices.size());
        }
    }

    @Override
    public void tokenInvalid(UUID deviceId, String token, Instant since) {
        if (addresses.markInvalid(deviceId, token, since)) {
            LOG.info("APNs no longer accepts the push token of device {}; it is woken again after its next TokenUpdate",
                    deviceId);
        }
    }
}
