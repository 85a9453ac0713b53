package io.latchkey.channel.apple.command;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSString;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the commands the engine's actions map to. Keys and platform rules come from
 * apple/device-management mdm/commands/*.yaml, summarised in shared/reference/apple-mdm.md §2.
 * Arguments are checked here so that a command the device would refuse as
 * CommandFormatError is never queued.
 */
public final class MdmCommands {

    /** "six-character PIN for Find My" (device.lock.yaml, device.erase.yaml); the server generates digits. */
    private static final Pattern PIN = Pattern.compile("[0-9]{6}");

    private MdmCommands() {
    }

    /**
     * DeviceLock (device.lock.yaml). {@code pin} is a macOS-only key ("six-character PIN for Find
     * My"), so callers pass one exactly when the device is a Mac, and keep it as the action's secret.
     */
    public static MdmCommand deviceLock(String commandUuid, Optional<String> message, Optional<String> phoneNumber,
                                        Optional<String> pin) {
        NSDictionary c = request("DeviceLock");
        message.filter(s -> !s.isBlank()).ifPresent(s -> c.put("Message", s));
        phoneNumber.filter(s -> !s.isBlank()).ifPresent(s -> c.put("PhoneNumber", s));
        pin.ifPresent(p -> c.put("PIN", checkedPin(p)));
        return new MdmCommand(checkedUuid(commandUuid), c);
    }

    /** ClearPasscode (passcode.clear.yaml): {@code UnlockToken} is data, the bytes escrowed from TokenUpdate. */
    public static MdmCommand clearPasscode(String commandUuid, byte[] unlockToken) {
        if (unlockToken == null || unlockToken.length == 0) {
            throw new IllegalArgumentException("ClearPasscode needs the escrowed UnlockToken");
        }
        NSDictionary c = request("ClearPasscode");
        c.put("UnlockToken", new NSData(unlockToken.clone()));
        return new MdmCommand(checkedUuid(commandUuid), c);
    }

    /** RemoveProfile (profile.remove.yaml); removing the enrollment profile unenrolls the device. */
    public static MdmCommand removeProfile(String commandUuid, String profileIdentifier) {
        NSDictionary c = request("RemoveProfile");
        c.put("Identifier", required(profileIdentifier, "RemoveProfile needs the profile's Identifier"));
        return new MdmCommand(checkedUuid(commandUuid), c);
    }

    /**
     * EraseDevice (device.erase.yaml). {@code pin}: macOS only. {@code preserveDataPlan}: iOS 11+,
     * keeps the eSIM's plan.
     */
    public static MdmCommand eraseDevice(String commandUuid, Optional<String> pin, boolean preserveDataPlan) {
        NSDictionary c = request("EraseDevice");
        pin.ifPresent(p -> c.put("PIN", checkedPin(p)));
        c.put("PreserveDataPlan", preserveDataPlan);
        return new MdmCommand(checkedUuid(commandUuid), c);
    }

    /** DeviceInformation (information.device.yaml) with the query names to answer. */
    public static MdmCommand deviceInformation(String commandUuid, List<String> queries) {
        if (queries == null || queries.isEmpty()) {
            throw new IllegalArgumentException("DeviceInformation needs at least one query");
        }
        NSDictionary c = request("DeviceInformation");
        c.put("Queries", new NSArray(queries.stream().map(NSString::new).toArray(NSString[]::new)));
        return new MdmCommand(checkedUuid(commandUuid), c);
    }

    /**
     * EnableLostMode (device.lostmode.enable.yaml): supervised iOS/iPadOS 9.3+ only; at least one of
     * Message and PhoneNumber is required.
     */
    public static MdmCommand enableLostMode(String commandUuid, Optional<String> message,
                                            Optional<String> phoneNumber, Optional<String> footnote) {
        Optional<String> m = message.filter(s -> !s.isBlank());
        Optional<String> p = phoneNumber.filter(s -> !s.isBlank());
        if (m.isEmpty() && p.isEmpty()) {
            throw new IllegalArgumentException("EnableLostMode needs a Message or a PhoneNumber");
        }
        NSDictionary c = request("EnableLostMode");
        m.ifPresent(s -> c.put("Message", s));
        p.ifPresent(s -> c.put("PhoneNumber", s));
        footnote.filter(s -> !s.isBlank()).ifPresent(s -> c.put("Footnote", s));
        return new MdmCommand(checkedUuid(commandUuid), c);
    }

    /** DisableLostMode (device.lostmode.disable.yaml): no keys. */
    public static MdmCommand disableLostMode(String commandUuid) {
        return new MdmCommand(checkedUuid(commandUuid), request("DisableLostMode"));
    }

    private static NSDictionary request(String requestType) {
        NSDictionary c = new NSDictionary();
        c.put("RequestType", requestType);
        return c;
    }

    private static String checkedPin(String pin) {
        if (pin == null || !PIN.matcher(pin).matches()) {
            throw new IllegalArgumentException("a macOS lock or erase PIN is six digits");
        }
        return pin;
    }

    private static String checkedUuid(String commandUuid) {
        return required(commandUuid, "a command needs a CommandUUID");
    }

    private static String required(String value, String why) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(why);
        }
        return value;
    }
}
