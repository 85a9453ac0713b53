package io.latchkey.channel.windows.mdm;

import io.latchkey.channel.windows.syncml.Item;
import io.latchkey.channel.windows.syncml.SyncCommand;
import io.latchkey.core.action.Command;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Platform;

import java.util.List;

/**
 * An engine command as the OMA-DM commands it becomes on Windows (product spec §2, the Windows
 * rows; nodes and shapes from shared/reference/windows-mdm.md §3 and §5). The writer numbers the
 * CmdIDs; what each answer means is {@link WindowsOutcomes}'.
 */
public final class WindowsCommands {
    static final String LOCK = "./Vendor/MSFT/RemoteLock/Lock";
    static final String LOCK_AND_RESET_PIN = "./Vendor/MSFT/RemoteLock/LockAndResetPIN";
    static final String NEW_PIN_VALUE = "./Vendor/MSFT/RemoteLock/NewPINValue";
    /** Windows 10/11 desktops (RemoteWipe CSP, 1511+/1703+); phones use the ./Vendor form (WSO2's WIPE_DATA). */
    static final String WIPE_DEVICE = "./Device/Vendor/MSFT/RemoteWipe/doWipe";
    static final String WIPE_PROTECTED = "./Device/Vendor/MSFT/RemoteWipe/doWipeProtected";
    static final String WIPE_PHONE = "./Vendor/MSFT/RemoteWipe/doWipe";
    static final List<String> INVENTORY = List.of("./DevInfo/DevId", "./DevInfo/Man", "./DevInfo/Mod",
            "./DevDetail/SwV", "./DevDetail/OEM", "./DevDetail/Ext/Microsoft/DeviceName");

    private WindowsCommands() {
    }

    /** The DMClient node that unenrolls the device from this server's provider (dmclient-csp.md, reference §3.4). */
    static String unenroll(String providerId) {
        return "./Vendor/MSFT/DMClient/Provider/" + providerId + "/Unenroll";
    }

    /** Where the device reports its WNS channel (reference §5): read on every session. */
    public static String channelUri(String providerId) {
        return "./Vendor/MSFT/DMClient/Provider/" + providerId + "/Push/ChannelURI";
    }

    /** The commands for {@code c} on {@code device}, as one unit (a Sequence when order matters). */
    public static SyncCommand of(Command c, Device device, String providerId) {
        boolean phone = device.platform() == Platform.WINDOWS_MOBILE;
        return switch (c.action()) {
            case REMOTE_LOCK -> SyncCommand.Exec.of(LOCK);
            // "A Get operation on this node must follow an Exec … in the same SyncML message. The
            // Sequence tag can be used" (remotelock-csp.md, reference §3.2).
            case PASSCODE_RESET -> SyncCommand.Sequence.of(SyncCommand.Exec.of(LOCK_AND_RESET_PIN),
                    SyncCommand.Get.of(NEW_PIN_VALUE));
            case RETIRE -> new SyncCommand.Exec(0, List.of(Item.target(unenroll(providerId), "chr", null, providerId)));
            case WIPE -> SyncCommand.Exec.of(phone ? WIPE_PHONE
                    : "true".equals(c.options().get("useProtectedWipe")) ? WIPE_PROTECTED : WIPE_DEVICE);
            case SYNC -> new SyncCommand.Get(0, INVENTORY.stream().map(Item::target).toList());
            case ENABLE_LOST_MODE, DISABLE_LOST_MODE -> throw new IllegalArgumentException(
                    "Lost Mode has no Windows command; the capability matrix refuses it");
        };
    }
}
