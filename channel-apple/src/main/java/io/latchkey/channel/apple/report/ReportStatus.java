package io.latchkey.channel.apple.report;

import io.latchkey.channel.apple.plist.MessageRefused;

/**
 * The {@code Status} of a command report (Apple, "Sending MDM commands to a device",
 * https://developer.apple.com/documentation/devicemanagement/sending-mdm-commands-to-a-device).
 */
public enum ReportStatus {
    /** The device has nothing to report and asks for the next command. */
    IDLE("Idle"),
    /** The command was carried out; only now is it done. */
    ACKNOWLEDGED("Acknowledged"),
    /** The command failed; {@code ErrorChain} says why. */
    ERROR("Error"),
    /** The device could not read the command. */
    COMMAND_FORMAT_ERROR("CommandFormatError"),
    /** Not now (e.g. the device is locked); the command stays queued and is offered again later. */
    NOT_NOW("NotNow");

    private final String wire;

    ReportStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** A command reported with this status is finished: Apple says to keep it queued until Acknowledged or Error. */
    public boolean isFinal() {
        return this == ACKNOWLEDGED || this == ERROR || this == COMMAND_FORMAT_ERROR;
    }

    public static ReportStatus fromWire(String status) {
        for (ReportStatus s : values()) {
            if (s.wire.equals(status)) {
                return s;
            }
        }
        throw new MessageRefused(MessageRefused.Reason.UNKNOWN_STATUS, "unknown Status " + MessageRefused.quote(status));
    }
}
