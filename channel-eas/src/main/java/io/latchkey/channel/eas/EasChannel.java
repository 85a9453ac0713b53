package io.latchkey.channel.eas;

import io.latchkey.channel.eas.gateway.EasGateway;
import io.latchkey.core.action.Channel;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;

import java.util.List;

/**
 * The EAS channel. Exchange ActiveSync has no push (the phone comes back on its own, usually with a
 * Ping held open), so commands stay pending until the device's next request reaches the gateway,
 * which delivers them through the Provision flow ({@link EasGateway}). When a wipe or retire becomes
 * due, the Pings held here for those devices are ended at once, so the phone asks again now instead
 * of at the end of its heartbeat.
 */
public final class EasChannel implements Channel {
    private final EasGateway gateway;

    public EasChannel(EasGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EXCHANGE_ACTIVESYNC;
    }

    @Override
    public void commandsDue(List<Command> due) {
        gateway.wake(due.stream().map(Command::deviceId).distinct().toList());
    }
}
