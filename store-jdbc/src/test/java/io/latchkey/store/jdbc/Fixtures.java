package io.latchkey.store.jdbc;

import io.latchkey.core.Ids;
import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data builders. Instants are whole microseconds: what both databases store. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    private Fixtures() {
    }

    public static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    public static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    public static User user(String upn) {
        return new User(UUID.randomUUID(), upn, "User " + upn);
    }

    public static Device device(String name, Platform platform, ManagementChannel channel) {
        ChannelState state = platform == Platform.ANDROID
                ? new ChannelState(false, AndroidMode.WORK_PROFILE, true, null)
                : new ChannelState(platform == Platform.IOS, null, false, channel.viaEas() ? "16.1" : null);
        return new Device(UUID.randomUUID(), "ext-" + UUID.randomUUID(), name, platform, "10.0.19045", "Model " + name,
                "SN-" + name, channel, Ownership.COMPANY, null, null, T0, null, state);
    }

    public static Device device(String name) {
        return device(name, Platform.IOS, ManagementChannel.MDM);
    }

    public static Device withUser(Device d, UUID enrollingUserId) {
        return new Device(d.id(), d.externalId(), d.name(), d.platform(), d.osVersion(), d.model(), d.serialNumber(),
                d.channel(), d.ownership(), enrollingUserId, d.currentUserId(), d.enrolledAt(), d.lastCheckInAt(),
                d.state());
    }

    public static Device withTimes(Device d, Instant enrolledAt, Instant lastCheckIn) {
        return new Device(d.id(), d.externalId(), d.name(), d.platform(), d.osVersion(), d.model(), d.serialNumber(),
                d.channel(), d.ownership(), d.enrollingUserId(), d.currentUserId(), enrolledAt, lastCheckIn, d.state());
    }

    public static Device withExternalId(Device d, String externalId) {
        return new Device(d.id(), externalId, d.name(), d.platform(), d.osVersion(), d.model(), d.serialNumber(),
                d.channel(), d.ownership(), d.enrollingUserId(), d.currentUserId(), d.enrolledAt(), d.lastCheckInAt(),
                d.state());
    }

    /** A request for these devices with one command each; every command pending on Apple MDM. */
    public static Submission request(String requestedBy, String key, List<UUID> deviceIds, Instant now) {
        return request(requestedBy, key, deviceIds, now, now.plus(Duration.ofDays(7)));
    }

    /** The same, with the request's (and so every command's) time to live ending at {@code expires}. */
    public static Submission request(String requestedBy, String key, List<UUID> deviceIds, Instant now,
                                     Instant expires) {
        UUID requestId = Ids.timeOrdered();
        Map<String, String> options = Map.of("message", "Lost & found: call +1 555", "phoneNumber", "+1 555");
        List<Command> commands = new ArrayList<>(deviceIds.size());
        for (UUID deviceId : deviceIds) {
            commands.add(new Command(Ids.timeOrdered(), requestId, deviceId, Action.REMOTE_LOCK, ChannelKind.APPLE_MDM,
                    CommandState.PENDING, "DeviceLock", options, now, now, expires));
        }
        ActionRequest request = new ActionRequest(requestId, Action.REMOTE_LOCK, DeviceFilter.ids(deviceIds), options,
                requestedBy, "192.0.2.1", key, "fp-" + key, now, expires, commands.size(), 0);
        AuditEvent event = new AuditEvent(UUID.randomUUID(), now, requestedBy, "192.0.2.1", "action.submit",
                "actionRequest", requestId.toString(), "remoteLock for " + commands.size() + " device(s)");
        return new Submission(request, commands, event);
    }

    public record Submission(ActionRequest request, List<Command> commands, AuditEvent event) {
        public Submission withCommands(List<Command> replaced) {
            return new Submission(request, replaced, event);
        }
    }

    /** The command as created in another state or on another channel (the rest is its request's). */
    public static Command withState(Command c, CommandState state, ChannelKind channel) {
        return new Command(c.id(), c.requestId(), c.deviceId(), c.action(), channel, state, c.detail(), c.options(),
                c.createdAt(), c.updatedAt(), c.expiresAt());
    }
}
