package io.latchkey.channel.windows.mdm;

import io.latchkey.channel.windows.syncml.AlertCode;
import io.latchkey.channel.windows.syncml.Item;
import io.latchkey.channel.windows.syncml.SyncCommand;
import io.latchkey.channel.windows.syncml.SyncMessage;
import io.latchkey.channel.windows.syncml.SyncReply;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.action.WireNumbers;
import io.latchkey.core.action.WireRef;
import io.latchkey.core.action.WireRefs;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.SecretKind;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.enrollment.PushAddress;
import io.latchkey.core.enrollment.PushAddresses;
import io.latchkey.core.inventory.CheckInRecorder;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One device message of an OMA-DM session, answered (shared/reference/windows-mdm.md §2): the
 * device's alerts and reports update its record (LoginStatus sets the current user, a 1226
 * unenroll takes it out of management, the ChannelURI it reads back is where WNS wakes it), the
 * Status and Results of the commands the server sent in its previous message settle those engine
 * commands (found through {@link WireRefs}, so any node can take the next message), then the
 * device's due commands go out with fresh CmdIDs, recorded before the reply leaves.
 */
public final class WindowsSession {
    /** The actor named in command history for what Windows devices and this channel do. */
    public static final String ACTOR = "windows-mdm";
    /** Commands per server message: a few, so a big backlog drains over a few round trips. */
    private static final int PER_MESSAGE = 5;

    private final Devices devices;
    private final DeviceIdentities identities;
    private static final java.time.Duration CHANNEL_REFRESH = java.time.Duration.ofDays(1);

    private final PushAddresses pushAddresses;
    private final CommandOutbox outbox;
    private final CommandHistory history;
    private final WireRefs wireRefs;
    private final CheckInRecorder checkIns;
    private final String providerId;
    private final Clock clock;

    public WindowsSession(Devices devices, DeviceIdentities identities, PushAddresses pushAddresses,
                          CommandOutbox outbox, CommandHistory history, WireRefs wireRefs, CheckInRecorder checkIns,
                          String providerId, Clock clock) {
        this.devices = devices;
        this.identities = identities;
        this.pushAddresses = pushAddresses;
        this.outbox = outbox;
        this.history = history;
        this.wireRefs = wireRefs;
        this.checkIns = checkIns;
        this.providerId = providerId;
        this.clock = clock;
    }

    /** The reply to {@code message} from {@code device} (already authenticated and bound to it). */
    public SyncMessage handle(SyncMessage message, Device device) {
        checkIns.heardFrom(device.id());
        String session = message.header().sessionId();
        int msgId = message.header().msgId();
        device = reports(message, device);
        if (msgId > 1) {
            device = settle(message, device, session, msgId - 1);
        }
        SyncReply reply = SyncReply.to(message, msgId);
        if (!device.enrolled()) {
            return reply.build();
        }
        // Each command's CmdIDs are stored with its move to sent (one write, not two); only when the
        // message changes after that (a command handed out again, or no longer to be sent) are the
        // whole message's numbers written again, replacing those.
        List<Command> sent = new ArrayList<>();
        Map<UUID, SyncCommand> units = new HashMap<>();
        boolean numbered = true;
        Device target = device;
        for (CommandOutbox.Delivery d : outbox.deliverNumbered(device.id(), PER_MESSAGE, ACTOR,
                c -> numbers(reply, units, c, target, session, msgId))) {
            Command c = d.command();
            if (!units.containsKey(c.id())) {
                outbox.failed(c.id(), "Lost Mode has no Windows command", ACTOR);
                continue;
            }
            sent.add(c);
            numbered &= d.numbered();
        }
        if (units.size() != sent.size()) {
            Set<SyncCommand> kept = Collections.newSetFromMap(new IdentityHashMap<>());
            sent.forEach(c -> kept.add(units.get(c.id())));
            reply.withdraw(u -> units.containsValue(u) && !kept.contains(u));
            numbered = false;
        }
        if (msgId == 1) {
            // Read the WNS channel every session: it changes every 15 to 30 days (reference §5).
            reply.command(SyncCommand.Get.of(WindowsCommands.channelUri(providerId)));
        }
        SyncMessage out = reply.build();
        if (!numbered) {
            recordRefs(out, sent, device.id(), session, msgId);
        }
        return out;
    }

    /** The unit a due command goes out as, added to the reply, and the numbers it will carry; none for Lost Mode. */
    private WireNumbers numbers(SyncReply reply, Map<UUID, SyncCommand> units, Command c, Device device,
                                String session, int msgId) {
        if (c.action() == Action.ENABLE_LOST_MODE || c.action() == Action.DISABLE_LOST_MODE) {
            return null;
        }
        SyncCommand unit = WindowsCommands.of(c, device, providerId);
        reply.command(unit);
        units.put(c.id(), unit);
        return new WireNumbers(device.id(), session, msgId, refsOf(reply.numberedLast(), c.id()));
    }

    private static List<WireRef> refsOf(SyncCommand unit, UUID commandId) {
        List<WireRef> refs = new ArrayList<>();
        refs.add(new WireRef(unit.cmdId(), commandId, unit.element()));
        if (unit instanceof SyncCommand.Container box) {
            box.commands().forEach(inner -> refs.add(new WireRef(inner.cmdId(), commandId, inner.element())));
        }
        return refs;
    }

    /** LoginStatus, unenroll alerts, DevInfo replaces and a ChannelURI read back: the device's own news. */
    private Device reports(SyncMessage message, Device device) {
        Device d = device;
        Optional<String> login = message.alert(AlertCode.CLIENT_EVENT).flatMap(a -> a.items().stream()
                .filter(i -> AlertCode.LOGIN_STATUS.equals(i.metaType())).map(Item::data).findFirst());
        if (login.isPresent()) {
            UUID current = switch (login.get().trim()) {
                case "user" -> d.enrollingUserId();
                case "others" -> Device.ANOTHER_USER;
                default -> null;
            };
            if (!java.util.Objects.equals(current, d.currentUserId())) {
                d = d.withCurrentUser(current);
                devices.save(d);
            }
        }
        boolean unenrolling = message.alert(AlertCode.GENERIC).map(a -> a.items().stream()
                .anyMatch(i -> AlertCode.UNENROLL_USER_REQUEST.equals(i.metaType()))).orElse(false);
        if (unenrolling) {
            d = leave(d, "the device's user unenrolled it (Alert 1226)");
        }
        Map<String, String> nodes = new java.util.HashMap<>();
        for (SyncCommand c : message.flattened()) {
            List<Item> items = c instanceof SyncCommand.Results r ? r.items()
                    : c instanceof SyncCommand.Replace rep ? rep.items() : List.of();
            for (Item i : items) {
                String node = i.sourceLocUri() != null ? i.sourceLocUri() : i.targetLocUri();
                if (node != null && i.data() != null && !i.data().isBlank()) {
                    nodes.put(node.toLowerCase(java.util.Locale.ROOT), i.data().trim());
                }
            }
        }
        String channel = nodes.get(WindowsCommands.channelUri(providerId).toLowerCase(java.util.Locale.ROOT));
        if (channel != null && channelChanged(device.id(), channel)) {
            pushAddresses.save(PushAddress.reported(device.id(), ChannelKind.WINDOWS_MDM, channel, null, null,
                    clock.instant()));
        }
        return d.enrolled() ? inventory(d, nodes) : d;
    }

    /** DevInfo in the first package, DevDetail read by a sync (reference §2.3): what the device is now. */
    private Device inventory(Device d, Map<String, String> nodes) {
        String man = nodes.get("./devinfo/man");
        String mod = nodes.get("./devinfo/mod");
        String model = mod == null ? d.model() : (man == null ? mod : man + " " + mod);
        String os = nodes.getOrDefault("./devdetail/swv", d.osVersion());
        String name = nodes.getOrDefault("./devdetail/ext/microsoft/devicename", d.name());
        if (java.util.Objects.equals(model, d.model()) && os.equals(d.osVersion()) && name.equals(d.name())) {
            return d;
        }
        Device updated = new Device(d.id(), d.externalId(), name, d.platform(), os, model, d.serialNumber(),
                d.channel(), d.ownership(), d.enrollingUserId(), d.currentUserId(), d.enrolledAt(), d.lastCheckInAt(),
                d.state(), d.unenrolledAt());
        devices.save(updated);
        return updated;
    }

    /**
     * The Status/Results of the server's previous message settle the engine commands it carried.
     * Returns the device as it is afterwards (out of management once a wipe or retire succeeded).
     */
    private Device settle(SyncMessage message, Device device, String session, int serverMsgId) {
        Map<UUID, List<WireRef>> byCommand = new LinkedHashMap<>();
        for (WireRef r : wireRefs.find(device.id(), session, serverMsgId)) {
            byCommand.computeIfAbsent(r.commandId(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<UUID, List<WireRef>> e : byCommand.entrySet()) {
            List<SyncCommand.Status> statuses = new ArrayList<>();
            Optional<SyncCommand.Results> results = Optional.empty();
            for (WireRef r : e.getValue()) {
                message.statusFor(serverMsgId, r.cmdId()).ifPresent(statuses::add);
                if (r.element().equals("Get")) {
                    results = results.or(() -> message.resultsFor(serverMsgId, r.cmdId()));
                }
            }
            Optional<Command> c = history.find(e.getKey());
            if (statuses.isEmpty() || c.isEmpty()) {
                continue; // not answered in this message
            }
            device = apply(c.get(), WindowsOutcomes.of(c.get(), statuses, results), device);
        }
        return device;
    }

    private Device apply(Command c, WindowsOutcomes.Outcome outcome, Device device) {
        switch (outcome) {
            case WindowsOutcomes.Outcome.Succeeded s -> {
                if (outbox.succeeded(c.id(), s.detail(), ACTOR)
                        && (c.action() == Action.RETIRE || c.action() == Action.WIPE) && device.enrolled()) {
                    return leave(device, c.action() == Action.WIPE ? "wiped" : "retired");
                }
            }
            case WindowsOutcomes.Outcome.SucceededWithPin p ->
                    outbox.succeededWithSecret(c.id(), SecretKind.NEW_PIN, p.pin(), ACTOR);
            case WindowsOutcomes.Outcome.Failed f -> outbox.failed(c.id(), f.reason(), ACTOR);
        }
        return device;
    }

    /** Out of management: identities revoked, open commands ended (an open retire has happened). */
    private Device leave(Device device, String why) {
        Instant now = clock.instant();
        Device gone = device.unenrolled(now);
        devices.save(gone);
        identities.revokeOthers(device.externalId(), "", now);
        for (Command c : outbox.open(device.id())) {
            if (c.action() == Action.RETIRE) {
                outbox.succeeded(c.id(), "the device left management: " + why, ACTOR);
            } else {
                outbox.failed(c.id(), "the device left management (" + why + ") before answering", ACTOR);
            }
        }
        return gone;
    }

    /** The CmdIDs the writer gave each engine command's unit (and the commands inside a Sequence). */
    private void recordRefs(SyncMessage out, List<Command> sent, UUID deviceId, String session, int msgId) {
        if (sent.isEmpty()) {
            return;
        }
        List<SyncCommand> mine = out.commands().stream()
                .filter(c -> !(c instanceof SyncCommand.Status) && !(c instanceof SyncCommand.Results)).toList();
        List<WireRef> refs = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            refs.addAll(refsOf(mine.get(i), sent.get(i).id()));
        }
        wireRefs.record(deviceId, session, msgId, refs, clock.instant());
    }

    /**
     * Every session reads the channel back, and it rarely changes: a write only when it did, when WNS
     * refused the stored one, or to refresh a day-old one (the read itself is a one-row lookup).
     */
    private boolean channelChanged(UUID deviceId, String channel) {
        return pushAddresses.find(deviceId).map(a -> !a.token().equals(channel) || a.invalidSince() != null
                || a.updatedAt().isBefore(clock.instant().minus(CHANNEL_REFRESH))).orElse(true);
    }

}
