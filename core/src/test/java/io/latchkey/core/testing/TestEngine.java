package io.latchkey.core.testing;

import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Channel;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.action.Wakeups;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.secret.AesGcmSealer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The action engine wired on an {@link InMemoryStore}, a {@link MutableClock}, a real
 * {@link AesGcmSealer} and a {@link RecordingChannel} per channel kind.
 */
public final class TestEngine {
    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    public static final Duration LEASE = Duration.ofMinutes(2);
    public static final Actor ADMIN = new Actor("alice", "192.0.2.10");

    public final MutableClock clock = new MutableClock();
    public final InMemoryStore store = new InMemoryStore();
    public final AesGcmSealer sealer = new AesGcmSealer(new byte[32]);
    public final AtomicInteger wakeupPokes = new AtomicInteger();
    public final Map<ChannelKind, RecordingChannel> channels = new EnumMap<>(ChannelKind.class);
    public final List<Exception> wakeupErrors = java.util.Collections.synchronizedList(new ArrayList<>());
    public final RemoteActions actions;
    public final CommandOutbox outbox;
    public final Wakeups wakeups;

    public TestEngine() {
        for (ChannelKind kind : ChannelKind.values()) {
            channels.put(kind, new RecordingChannel(kind));
        }
        actions = new RemoteActions(store.devices, store.groups, store.requests, store.commands, store.audit, sealer,
                wakeupPokes::incrementAndGet, clock, DEFAULT_TTL);
        outbox = new CommandOutbox(store.commands, store.commands, sealer, clock);
        wakeups = new Wakeups(store.commands, store.commands, Map.<ChannelKind, Channel>copyOf(channels), clock, 50,
                LEASE, Duration.ofSeconds(30), wakeupErrors::add);
    }

    public Device add(Device device) {
        store.devices.save(device);
        return device;
    }

    public Submitted submit(Action action, Device... devices) {
        return submit(new ActionSubmission(action, ids(devices), Map.of(), null, null));
    }

    public Submitted submit(ActionSubmission submission) {
        return actions.submit(submission, ADMIN);
    }

    public static DeviceFilter ids(Device... devices) {
        return DeviceFilter.ids(List.of(devices).stream().map(Device::id).toList());
    }

    /** The one command of a request for this device. */
    public Command command(Submitted submitted, Device device) {
        return commandsOf(submitted).stream().filter(c -> c.deviceId().equals(device.id())).findFirst().orElseThrow();
    }

    public List<Command> commandsOf(Submitted submitted) {
        UUID id = submitted.request().id();
        return store.commands.allCommands().stream().filter(c -> c.requestId().equals(id)).toList();
    }

    /** The command as currently stored. */
    public Command reload(Command command) {
        return store.commands.find(command.id()).orElseThrow();
    }
}
