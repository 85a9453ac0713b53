package io.latchkey.channel.apple.mdm;

import io.latchkey.channel.apple.command.MdmCommand;
import io.latchkey.channel.apple.command.MdmCommands;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.SecretKind;
import io.latchkey.core.enrollment.Escrow;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Platform;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * An engine command as the Apple command it becomes (product spec §2, the iOS and macOS rows;
 * payload keys from shared/reference/apple-mdm.md §2). The command id is the CommandUUID, so a
 * device's report names the engine command it answers.
 */
final class CommandTranslation {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What the inventory keeps, and IsSupervised for Lost Mode (information.device.yaml). */
    static final java.util.List<String> INVENTORY_QUERIES = java.util.List.of("DeviceName", "OSVersion",
            "BuildVersion", "ProductName", "ModelName", "Model", "SerialNumber", "UDID", "IsSupervised",
            "IsMDMLostModeEnabled");

    private final Escrow escrow;
    private final String profileIdentifier;

    CommandTranslation(Escrow escrow, String profileIdentifier) {
        this.escrow = escrow;
        this.profileIdentifier = profileIdentifier;
    }

    /**
     * The Mac's 6-digit Find My PIN for DeviceLock and EraseDevice (device.lock.yaml,
     * device.erase.yaml): made by the server, sealed with the command's move to sent.
     */
    static CommandOutbox.SecretMaker secretsFor(Device device) {
        return new CommandOutbox.SecretMaker() {
            @Override
            public Optional<SecretKind> kindFor(Command c) {
                boolean pinned = c.action() == Action.REMOTE_LOCK || c.action() == Action.WIPE;
                return device.platform() == Platform.MACOS && pinned ? Optional.of(SecretKind.LOCK_PIN) : Optional.empty();
            }

            @Override
            public String make(SecretKind kind) {
                return String.format("%06d", RANDOM.nextInt(1_000_000));
            }
        };
    }

    /**
     * The command to send, with the secret it carries (the Mac's PIN, or null); {@link Untranslatable}
     * when it cannot be sent to this device any more.
     */
    MdmCommand translate(Command c, Device device, String secret) {
        String uuid = c.id().toString();
        Optional<String> pin = Optional.ofNullable(secret);
        return switch (c.action()) {
            case REMOTE_LOCK -> MdmCommands.deviceLock(uuid, option(c, "message"), option(c, "phoneNumber"), pin);
            case PASSCODE_RESET -> MdmCommands.clearPasscode(uuid, escrow.open(device.id(), Escrow.UNLOCK_TOKEN)
                    .orElseThrow(() -> new Untranslatable("the device has no escrowed UnlockToken any more "
                            + "(it enrolled again without one), so its passcode cannot be cleared")));
            case RETIRE -> MdmCommands.removeProfile(uuid, profileIdentifier);
            case WIPE -> MdmCommands.eraseDevice(uuid, pin, "true".equals(c.options().get("persistEsimDataPlan")));
            case ENABLE_LOST_MODE -> MdmCommands.enableLostMode(uuid, option(c, "message"), option(c, "phoneNumber"),
                    option(c, "footer"));
            case DISABLE_LOST_MODE -> MdmCommands.disableLostMode(uuid);
            case SYNC -> MdmCommands.deviceInformation(uuid, INVENTORY_QUERIES);
        };
    }

    private static Optional<String> option(Command c, String name) {
        return Optional.ofNullable(c.options().get(name)).filter(s -> !s.isBlank());
    }

    /** The command can no longer be carried out as decided (the escrowed token is gone). */
    static final class Untranslatable extends RuntimeException {
        Untranslatable(String reason) {
            super(reason, null, false, false);
        }
    }
}
