package io.latchkey.channel.windows.mdm;

import io.latchkey.channel.windows.wns.WnsTarget;
import io.latchkey.core.action.Channel;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.enrollment.PushAddress;
import io.latchkey.core.enrollment.PushAddresses;
import io.latchkey.wake.WakeFeedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Windows channel's side of the engine: commands that became due wake their devices with a WNS
 * raw notification to the channel URI each last reported (shared/reference/windows-mdm.md §5);
 * without WNS credentials, or for a device with no valid channel, the DMClient poll schedule brings
 * the device back ("push isn't a replacement for having a polling schedule").
 */
public final class WindowsChannel implements Channel, WakeFeedback {
    private final PushAddresses addresses;
    private final Consumer<Collection<WnsTarget>> push;

    /** @param pushFor makes the WNS sender given where refused channels are reported, or returns null (no WNS) */
    public WindowsChannel(PushAddresses addresses, Function<WakeFeedback, Consumer<Collection<WnsTarget>>> pushFor) {
        this.addresses = addresses;
        Consumer<Collection<WnsTarget>> made = pushFor.apply(this);
        this.push = made == null ? targets -> { } : made;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WINDOWS_MDM;
    }

    @Override
    public void commandsDue(List<Command> due) {
        Set<UUID> devices = new LinkedHashSet<>();
        due.forEach(c -> devices.add(c.deviceId()));
        List<WnsTarget> targets = new ArrayList<>();
        for (PushAddress a : addresses.findAll(devices).values()) {
            if (a.valid() && a.channel() == ChannelKind.WINDOWS_MDM) {
                targets.add(new WnsTarget(a.deviceId(), a.token()));
            }
        }
        if (!targets.isEmpty()) {
            push.accept(targets);
        }
    }

    @Override
    public void tokenInvalid(UUID deviceId, String token, Instant since) {
        addresses.markInvalid(deviceId, token, since);
    }
}
