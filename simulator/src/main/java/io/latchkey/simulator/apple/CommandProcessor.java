package io.latchkey.simulator.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;

import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Executes one MDM command against a device's state and writes the result a device would send.
 * Keys, platforms and results follow apple/device-management mdm/commands/*.yaml
 * (shared/reference/apple-mdm.md §2). Where no real device reply is on record, the error codes
 * below are this simulator's guesses and say so.
 */
final class CommandProcessor {

    /** What the device does once the server has taken the result. */
    enum After { NONE, ERASE, REMOVE_ENROLLMENT }

    /** @param status Acknowledged, Error, NotNow or CommandFormatError */
    record Outcome(NSDictionary report, String status, After after) {
    }

    /** A command received and what the device answers; {@code requestType} is empty when unreadable. */
    record Answer(String requestType, Outcome outcome) {
    }

    static final String MDM_DOMAIN = "MCMDMErrorDomain";
    /** Real: iPhone reply in micromdm/micromdm #970; EnableLostMode on an unsupervised iPhone, fleetdm/fleet #51653. */
    static final int INVALID_REQUEST_TYPE = 12021;
    /** Unverified: no recorded reply for a missing or malformed key (e.g. a Mac's DeviceLock without PIN). */
    static final int INVALID_ARGUMENT = 12001;
    /** Unverified: no recorded reply to ClearPasscode with a missing or wrong UnlockToken (reference §2). */
    static final int UNLOCK_TOKEN_REJECTED = 12010;
    /** Unverified: code and domain of RemoveProfile naming a profile that is not installed. */
    static final int PROFILE_NOT_INSTALLED = 1003;
    static final String PROFILE_DOMAIN = "MCProfileErrorDomain";

    /** "six-character PIN for Find My" (device.lock.yaml); Macs take six digits. */
    private static final Pattern PIN = Pattern.compile("[0-9]{6}");

    private final AppleModel model;
    private final DeviceIds ids;

    CommandProcessor(AppleModel model, DeviceIds ids) {
        this.model = model;
        this.ids = ids;
    }

    /**
     * Reads a command session reply body {@code {CommandUUID, Command: {RequestType, …}}} and decides,
     * with {@code behaviour}'s rates: NotNow (the first time only, for a given CommandUUID), a simulated
     * error, or execution. Counts it in {@code state}.
     *
     * @return null when the body has no CommandUUID, so there is nothing to answer
     */
    Answer receive(byte[] body, DeviceState state, Behaviour behaviour, RandomGenerator random) {
        NSDictionary message;
        try {
            message = Plists.dictionary(body);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Optional<String> uuid = Plists.string(message, "CommandUUID");
        if (uuid.isEmpty()) {
            return null;
        }
        Optional<NSDictionary> command = Plists.dictionary(message, "Command");
        String type = command.flatMap(c -> Plists.string(c, "RequestType")).orElse("");
        state.commands++;
        Outcome o;
        if (command.isEmpty() || type.isEmpty()) {
            o = formatError(uuid.get());
        } else if (state.deferred.remove(uuid.get())) {
            o = process(uuid.get(), command.get(), state);
        } else {
            double draw = random.nextDouble();
            if (draw < behaviour.notNowRate()) {
                state.deferred.add(uuid.get());
                o = notNow(uuid.get());
            } else if (draw < behaviour.notNowRate() + behaviour.errorRate()) {
                o = simulatedError(uuid.get(), type);
            } else {
                o = process(uuid.get(), command.get(), state);
            }
        }
        switch (o.status()) {
            case "Acknowledged" -> state.acknowledged++;
            case "NotNow" -> state.notNow++;
            default -> state.errors++;
        }
        return new Answer(type, o);
    }

    Outcome process(String commandUuid, NSDictionary command, DeviceState state) {
        String type = Plists.string(command, "RequestType").orElse("");
        return switch (type) {
            case "DeviceLock" -> deviceLock(commandUuid, command, state);
            case "ClearPasscode" -> clearPasscode(commandUuid, command, state);
            case "EraseDevice" -> new Outcome(report(commandUuid, "Acknowledged"), "Acknowledged", After.ERASE);
            case "RemoveProfile" -> removeProfile(commandUuid, command, state);
            case "DeviceInformation" -> deviceInformation(commandUuid, command, state);
            case "EnableLostMode" -> enableLostMode(commandUuid, command, state);
            case "DisableLostMode" -> disableLostMode(commandUuid, state);
            default -> invalidRequestType(commandUuid, type);
        };
    }

    /** NotNow: the device cannot run it now and will be asked again (Apple, "Handling NotNow status responses"). */
    Outcome notNow(String commandUuid) {
        return new Outcome(report(commandUuid, "NotNow"), "NotNow", After.NONE);
    }

    /** A failure injected by {@link Behaviour#errorRate()}, in a domain no real device uses. */
    Outcome simulatedError(String commandUuid, String requestType) {
        return error(commandUuid, Behaviour.SIMULATED_ERROR_DOMAIN, 1,
                "Simulated failure of “" + requestType + "” (Behaviour.errorRate).");
    }

    /** A command the device could not read as {@code {CommandUUID, Command: {RequestType}}}. */
    Outcome formatError(String commandUuid) {
        return new Outcome(report(commandUuid, "CommandFormatError"), "CommandFormatError", After.NONE);
    }

    private Outcome deviceLock(String uuid, NSDictionary c, DeviceState s) {
        Optional<String> pin = Plists.string(c, "PIN");
        if (model.isMac() && pin.filter(p -> PIN.matcher(p).matches()).isEmpty()) {
            return error(uuid, MDM_DOMAIN, INVALID_ARGUMENT, "The PIN is missing or is not six digits.");
        }
        boolean wasLost = s.lostMode;
        s.locked = true;
        s.lockMessage = Plists.string(c, "Message").orElse(null);
        s.lockPhoneNumber = Plists.string(c, "PhoneNumber").orElse(null);
        if (model.isMac()) {
            // PIN is a macOS-only key; an iPhone ignores it.
            s.lastPin = pin.get();
            io.latchkey.simulator.Canaries.note("mac PIN", pin.get());
            s.pins.add(pin.get());
        }
        NSDictionary r = report(uuid, "Acknowledged");
        r.put("MessageResult", wasLost ? "DeviceInLostMode" : "Success");
        return new Outcome(r, "Acknowledged", After.NONE);
    }

    private Outcome clearPasscode(String uuid, NSDictionary c, DeviceState s) {
        if (model.isMac()) {
            return invalidRequestType(uuid, "ClearPasscode");
        }
        Optional<byte[]> token = Plists.data(c, "UnlockToken");
        if (token.isEmpty() || s.unlockToken == null || !Arrays.equals(token.get(), s.unlockToken)) {
            return error(uuid, MDM_DOMAIN, UNLOCK_TOKEN_REJECTED, token.isEmpty()
                    ? "The unlock token is missing." : "The unlock token is invalid.");
        }
        s.passcodeCleared = true;
        return new Outcome(report(uuid, "Acknowledged"), "Acknowledged", After.NONE);
    }

    private Outcome removeProfile(String uuid, NSDictionary c, DeviceState s) {
        Optional<String> id = Plists.string(c, "Identifier");
        if (id.isEmpty()) {
            return error(uuid, MDM_DOMAIN, INVALID_ARGUMENT, "The Identifier is missing.");
        }
        if (s.profile == null || !id.get().equals(s.profile.identifier())) {
            return error(uuid, PROFILE_DOMAIN, PROFILE_NOT_INSTALLED, "The profile “" + id.get() + "” is not installed.");
        }
        return new Outcome(report(uuid, "Acknowledged"), "Acknowledged", After.REMOVE_ENROLLMENT);
    }

    private Outcome deviceInformation(String uuid, NSDictionary c, DeviceState s) {
        NSDictionary r = report(uuid, "Acknowledged");
        r.put("QueryResponses", DeviceInformationAnswers.answer(Plists.strings(c, "Queries"), model, ids, s));
        // As in the recorded reply shared/fixtures/apple/DeviceInformation.1.plist.
        r.put("RequestType", "DeviceInformation");
        return new Outcome(r, "Acknowledged", After.NONE);
    }

    private Outcome enableLostMode(String uuid, NSDictionary c, DeviceState s) {
        if (!lostModeAvailable()) {
            return invalidRequestType(uuid, "EnableLostMode");
        }
        Optional<String> message = Plists.string(c, "Message").filter(m -> !m.isBlank());
        Optional<String> phone = Plists.string(c, "PhoneNumber").filter(p -> !p.isBlank());
        if (message.isEmpty() && phone.isEmpty()) {
            return error(uuid, MDM_DOMAIN, INVALID_ARGUMENT, "Lost Mode needs a message or a phone number.");
        }
        s.lostMode = true;
        s.lostMessage = message.orElse(null);
        s.lostPhoneNumber = phone.orElse(null);
        s.lostFootnote = Plists.string(c, "Footnote").orElse(null);
        return new Outcome(report(uuid, "Acknowledged"), "Acknowledged", After.NONE);
    }

    private Outcome disableLostMode(String uuid, DeviceState s) {
        if (!lostModeAvailable()) {
            return invalidRequestType(uuid, "DisableLostMode");
        }
        s.lostMode = false;
        return new Outcome(report(uuid, "Acknowledged"), "Acknowledged", After.NONE);
    }

    /** Supervised iOS/iPadOS only (device.lostmode.enable.yaml). */
    private boolean lostModeAvailable() {
        return !model.isMac() && model.supervised();
    }

    private Outcome invalidRequestType(String uuid, String type) {
        return error(uuid, MDM_DOMAIN, INVALID_REQUEST_TYPE, "“" + type + "” is not a valid request type.");
    }

    private Outcome error(String uuid, String domain, int code, String description) {
        NSDictionary entry = new NSDictionary();
        entry.put("ErrorCode", code);
        entry.put("ErrorDomain", domain);
        entry.put("LocalizedDescription", description);
        entry.put("USEnglishDescription", description);
        NSDictionary r = report(uuid, "Error");
        r.put("ErrorChain", new NSArray(entry));
        return new Outcome(r, "Error", After.NONE);
    }

    NSDictionary report(String uuid, String status) {
        NSDictionary r = new NSDictionary();
        r.put("UDID", ids.udid());
        if (uuid != null) {
            r.put("CommandUUID", uuid);
        }
        r.put("Status", status);
        return r;
    }
}
