package io.latchkey.channel.apple.command;

import com.dd.plist.NSDictionary;

import java.nio.charset.StandardCharsets;

/**
 * A command as the device receives it in the 200 body of the command endpoint:
 * {@code {CommandUUID, Command: {RequestType, …}}} (Apple, "Sending MDM commands to a device",
 * https://developer.apple.com/documentation/devicemanagement/sending-mdm-commands-to-a-device).
 * Built by {@link MdmCommands}; immutable once built.
 */
public final class MdmCommand {

    private final String commandUuid;
    private final String requestType;
    private final byte[] plist;

    MdmCommand(String commandUuid, NSDictionary command) {
        this.commandUuid = commandUuid;
        this.requestType = command.get("RequestType").toJavaObject().toString();
        NSDictionary envelope = new NSDictionary();
        envelope.put("CommandUUID", commandUuid);
        envelope.put("Command", command);
        this.plist = envelope.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }

    public String commandUuid() {
        return commandUuid;
    }

    public String requestType() {
        return requestType;
    }

    /** The XML plist body, UTF-8; a fresh copy each call. */
    public byte[] plist() {
        return plist.clone();
    }

    /** No payload: DeviceLock PINs and unlock tokens must not reach logs. */
    @Override
    public String toString() {
        return "MdmCommand[" + requestType + " " + commandUuid + "]";
    }
}
