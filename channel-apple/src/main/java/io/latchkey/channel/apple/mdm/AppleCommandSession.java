package io.latchkey.channel.apple.mdm;

import io.latchkey.channel.apple.command.MdmCommand;
import io.latchkey.channel.apple.command.MdmCommands;
import io.latchkey.channel.apple.report.DeviceInformation;
import io.latchkey.channel.apple.report.CommandReport;
import io.latchkey.channel.apple.report.ReportStatus;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.inventory.CheckInRecorder;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command endpoint (shared/reference/apple-mdm.md §1, Apple "Sending MDM commands to a
 * device"): each request reports on the previous command (or is Idle) and is answered with the
 * next command or an empty body. A command stays current until Acknowledged or Error; a report
 * repeated or arriving late changes nothing (the engine's transitions are compare-and-set); a
 * NotNow leaves the command sent, to be offered again at the next check-in, and the device gets
 * the next command instead, as NanoMDM's {@code RetrieveNextCommand(skipNotNow)} does.
 */
public final class AppleCommandSession {
    private static final Logger LOG = LoggerFactory.getLogger(AppleCommandSession.class);
    /** Commands that turn out untranslatable are failed and skipped; a handful per request at most. */
    private static final int MAX_SKIPS = 5;
    /**
     * The CommandUUID of the DeviceInformation sent after an enrollment: the channel's own
     * question, not an engine command. Wanted devices are held in memory: after a restart the
     * inventory of Authenticate stands until the next sync.
     */
    static final String INVENTORY_PREFIX = "latchkey-inventory-";
    private final Set<UUID> inventoryWanted = ConcurrentHashMap.newKeySet();

    private final Devices devices;
    private final CommandHistory history;
    private final CommandOutbox outbox;
    private final CommandTranslation translation;
    private final DeviceIdentities identities;
    private final CheckInRecorder checkIns;
    private final Clock clock;

    /** @param checkIns where each request is noted as the device's last check-in, written in batches */
    AppleCommandSession(Devices devices, CommandHistory history, CommandOutbox outbox, CommandTranslation translation,
                        DeviceIdentities identities, CheckInRecorder checkIns, Clock clock) {
        this.devices = devices;
        this.history = history;
        this.outbox = outbox;
        this.translation = translation;
        this.identities = identities;
        this.checkIns = checkIns;
        this.clock = clock;
    }

    /** After an enrollment: ask the device for its inventory once nothing else is due. */
    void wantInventory(UUID deviceId) {
        inventoryWanted.add(deviceId);
    }

    /** Applies the report and returns the next command; empty ends the exchange (a zero-byte 200). */
    public Optional<MdmCommand> report(CommandReport report, Device device) {
        return report(report, device, true);
    }

    /**
     * As {@link #report(CommandReport, Device)}; {@code commandsOpen} false (read with the identity,
     * in the same statement as the device) lets an Idle report skip the queue: nothing pending or
     * sent existed when this request was identified, and a command stored after that is one the
     * device gets at its next check-in, as it would if it had arrived a moment later (the wake-up
     * push that follows every new command brings it back). Any other report asks the queue, since
     * answering it changes what is due.
     */
    public Optional<MdmCommand> report(CommandReport report, Device device, boolean commandsOpen) {
        checkIns.heardFrom(device.id());
        if (report.commandUuid().filter(u -> u.startsWith(INVENTORY_PREFIX)).isPresent()) {
            if (report.status() == ReportStatus.ACKNOWLEDGED) {
                device = inventory(report, device);
            }
        } else if (report.status() != ReportStatus.IDLE) {
            device = apply(report, device);
        }
        if (!device.enrolled()) {
            return Optional.empty();
        }
        boolean skipDeferred = report.status() == ReportStatus.NOT_NOW;
        if (!commandsOpen && report.status() == ReportStatus.IDLE) {
            return inventoryQuestion(device);
        }
        for (int i = 0; i < MAX_SKIPS; i++) {
            List<CommandOutbox.Delivery> next = outbox.deliver(device.id(), 1, AppleChannel.ACTOR, skipDeferred,
                    CommandTranslation.secretsFor(device));
            if (next.isEmpty()) {
                return inventoryQuestion(device);
            }
            Command c = next.get(0).command();
            try {
                return Optional.of(translation.translate(c, device, next.get(0).secret()));
            } catch (CommandTranslation.Untranslatable e) {
                outbox.failed(c.id(), e.getMessage(), AppleChannel.ACTOR);
            }
        }
        return Optional.empty();
    }

    /** Nothing else due: the inventory question, once after an enrollment, or the end of the exchange. */
    private Optional<MdmCommand> inventoryQuestion(Device device) {
        return inventoryWanted.remove(device.id())
                ? Optional.of(MdmCommands.deviceInformation(INVENTORY_PREFIX + UUID.randomUUID(),
                CommandTranslation.INVENTORY_QUERIES))
                : Optional.empty();
    }

    /** Returns the device as it is after the report (an acknowledged retire or erase unenrolls it). */
    private Device apply(CommandReport report, Device device) {
        Optional<Command> found = report.commandUuid().flatMap(AppleCommandSession::uuid).flatMap(history::find);
        if (found.isEmpty() || !found.get().deviceId().equals(device.id())) {
            // Not one of ours for this device (a command of an earlier server, or a forged id): the
            // device still gets its next command, and nothing else changes.
            LOG.info("device {} reported {} for a command that is not its own; ignored", device.id(),
                    report.status().wire());
            return device;
        }
        Command c = found.get();
        switch (report.status()) {
            case ACKNOWLEDGED -> {
                return acknowledged(c, report, device);
            }
            case ERROR, COMMAND_FORMAT_ERROR -> outbox.failed(c.id(), report.status().wire() + ": "
                    + report.failureReason(), AppleChannel.ACTOR);
            case NOT_NOW -> outbox.deferred(c.id());
            case IDLE -> { }
        }
        return device;
    }

    private Device acknowledged(Command c, CommandReport report, Device device) {
        Instant now = clock.instant();
        String detail = switch (c.action()) {
            case REMOTE_LOCK -> "locked" + Optional.ofNullable(report.resultKeys().get("MessageResult"))
                    .map(r -> " (MessageResult " + r + ")").orElse("");
            case PASSCODE_RESET -> "passcode cleared";
            case RETIRE -> "enrollment profile removed";
            case WIPE -> "erase started";
            case ENABLE_LOST_MODE -> "Lost Mode on";
            case DISABLE_LOST_MODE -> "Lost Mode off";
            case SYNC -> "inventory refreshed";
        };
        if (c.action() == io.latchkey.core.capability.Action.SYNC) {
            device = inventory(report, device);
        }
        if (!outbox.succeeded(c.id(), detail, AppleChannel.ACTOR)) {
            return device; // a repeated report: already applied
        }
        return switch (c.action()) {
            case RETIRE -> leave(device, now, false);
            case WIPE -> leave(device, now, true);
            default -> device;
        };
    }

    /**
     * Out of management. After a retire the device still sends its CheckOut with its certificate;
     * after an erase nothing more may speak for it, so its identities are revoked at once.
     */
    private Device leave(Device device, Instant now, boolean revoke) {
        Device gone = AppleCheckins.checkedIn(device, now).unenrolled(now);
        devices.save(gone);
        if (revoke) {
            identities.revokeOthers(device.externalId(), "", now);
        }
        outbox.open(device.id()).forEach(c -> outbox.failed(c.id(),
                "the device left management before this command reached it", AppleChannel.ACTOR));
        return gone;
    }

    /**
     * The QueryResponses of a DeviceInformation (information.device.yaml) into the device record:
     * what the device calls itself now, its OS, hardware and whether it is supervised.
     */
    private Device inventory(CommandReport report, Device device) {
        if (report.deviceInformation().isEmpty()) {
            return device;
        }
        DeviceInformation i = report.deviceInformation().get();
        Device updated = new Device(device.id(), device.externalId(),
                i.deviceName().filter(n -> !n.isBlank()).orElse(device.name()), device.platform(),
                i.osVersion().orElse(device.osVersion()),
                i.productName().or(i::modelName).orElse(device.model()),
                i.serialNumber().orElse(device.serialNumber()), device.channel(), device.ownership(),
                device.enrollingUserId(), device.currentUserId(), device.enrolledAt(), clock.instant(),
                device.state().withSupervised(i.supervised().orElse(device.state().supervised())),
                device.unenrolledAt());
        devices.save(updated);
        return updated;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
