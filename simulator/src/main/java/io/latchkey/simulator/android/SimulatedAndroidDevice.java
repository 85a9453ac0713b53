package io.latchkey.simulator.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Android device as Android Device Policy runs it, enrolled in the stand-in. It applies
 * commands with the platform's rules (https://developers.google.com/android/management/reference/rest/v1/enterprises.devices/issueCommand
 * and the Command resource):
 * <ul>
 *   <li>LOCK locks the work profile when it has its own challenge, otherwise the whole device;</li>
 *   <li>RESET_PASSWORD needs Android 8.0 (API 26, {@code API_LEVEL}); a work profile on a personal
 *       device refuses it ({@code MANAGEMENT_MODE}); on Android 14 a numeric password shorter than
 *       6 digits is {@code INVALID_VALUE}, as is one the applied password policy does not accept;
 *       {@code LOCK_NOW} locks after the reset;</li>
 *   <li>RELINQUISH_OWNERSHIP only on a company-owned work profile, Android 8.0 and later;</li>
 *   <li>any other type is {@code UNSUPPORTED}.</li>
 * </ul>
 * A device that is offline applies nothing; the stand-in keeps its operations pending.
 */
public final class SimulatedAndroidDevice {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int ANDROID_8 = 26;
    private static final int ANDROID_14 = 34;

    private final String name;
    private final AndroidProfile profile;
    private final int apiLevel;
    private final String androidVersion;
    private final String model;
    private final String serialNumber;
    private final String tokenName;
    private final String tokenData;
    private final Instant enrolledAt;
    private boolean online = true;
    private boolean separateChallenge;
    private boolean deviceLocked;
    private boolean profileLocked;
    private String password;
    private boolean requireEntry;
    private String removal;
    private String policyName;
    private int minimumLength;
    private String wipeReason;
    private String nextFailure;
    /** Commands issued to this device that reached it, whatever their outcome. */
    private int commandsReceived;
    private final List<String> wipeFlags = new ArrayList<>();

    SimulatedAndroidDevice(String name, AndroidProfile profile, int apiLevel, String model, String serialNumber,
                           String tokenName, String tokenData, String policyName, int minimumLength,
                           Instant enrolledAt) {
        this.name = name;
        this.profile = profile;
        this.apiLevel = apiLevel;
        this.androidVersion = androidVersion(apiLevel);
        this.model = model;
        this.serialNumber = serialNumber;
        this.tokenName = tokenName;
        this.tokenData = tokenData;
        this.policyName = policyName;
        this.minimumLength = minimumLength;
        this.enrolledAt = enrolledAt;
        // A work profile gets its own challenge when the policy asks for one (SCOPE_PROFILE).
        this.separateChallenge = profile.workProfile();
    }

    /** The AMAPI resource name, {@code enterprises/{e}/devices/{d}}. */
    public String name() {
        return name;
    }

    public AndroidProfile profile() {
        return profile;
    }

    public int apiLevel() {
        return apiLevel;
    }

    public synchronized boolean online() {
        return online;
    }

    synchronized void online(boolean value) {
        online = value;
    }

    /** The user turned the work challenge off ("use one lock"): LOCK then locks the whole device. */
    public synchronized void useOneLock() {
        separateChallenge = false;
    }

    /**
     * A password rule stricter than Latchkey's policy applies on the device (another policy source,
     * an OEM rule): a shorter new password is refused with INVALID_VALUE.
     */
    public synchronized void requireMinimumLength(int length) {
        minimumLength = length;
    }

    /** Commands that reached the device (it was online and ran or refused them), for load-test timings. */
    public synchronized int commandsReceived() {
        return commandsReceived;
    }

    public synchronized boolean deviceLocked() {
        return deviceLocked;
    }

    public synchronized boolean profileLocked() {
        return profileLocked;
    }

    /** The password (work-profile challenge on a work profile) an admin last set, if any. */
    public synchronized Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Set by RESET_PASSWORD with REQUIRE_ENTRY: the user must type the new password before anything else. */
    public synchronized boolean requireEntry() {
        return requireEntry;
    }

    /** How the device left management: "wiped", "workProfileRemoved", "relinquished"; empty while managed. */
    public synchronized Optional<String> removal() {
        return Optional.ofNullable(removal);
    }

    public synchronized List<String> wipeFlags() {
        return List.copyOf(wipeFlags);
    }

    /** The message devices.delete asked the device to show (wipeReasonMessage), if any. */
    public synchronized Optional<String> wipeReason() {
        return Optional.ofNullable(wipeReason);
    }

    /**
     * The next command fails with this AMAPI errorCode whatever it is (UNSUPPORTED: an OEM build
     * without the feature; UNKNOWN: Android Device Policy gave no reason).
     */
    public synchronized void failNextCommand(String errorCode) {
        nextFailure = errorCode;
    }

    synchronized void policy(String newPolicyName, int newMinimumLength) {
        policyName = newPolicyName;
        minimumLength = newMinimumLength;
    }

    /** Applies an issued command; returns the AMAPI {@code errorCode} when it fails, null when it succeeded. */
    synchronized String apply(JsonNode command) {
        String type = command.path("type").asText();
        commandsReceived++;
        if (nextFailure != null) {
            String failure = nextFailure;
            nextFailure = null;
            return failure;
        }
        return switch (type) {
            case "LOCK" -> lock();
            case "RESET_PASSWORD" -> resetPassword(command);
            case "RELINQUISH_OWNERSHIP" -> relinquish();
            default -> "UNSUPPORTED";
        };
    }

    private String lock() {
        // LOCK: "For a work profile, if there is a separate work profile lock, this only locks the
        // work profile, with one exception: on work profiles on an organization-owned device running
        // Android 8, 9, or 10, this locks the entire device."
        if (profile.workProfile() && separateChallenge && !(profile.companyOwned() && apiLevel <= 29)) {
            profileLocked = true;
        } else {
            deviceLocked = true;
        }
        return null;
    }

    private String resetPassword(JsonNode command) {
        if (apiLevel < ANDROID_8) {
            return "API_LEVEL";
        }
        if (profile == AndroidProfile.WORK_PROFILE_PERSONAL) {
            return "MANAGEMENT_MODE";
        }
        String next = command.path("newPassword").asText("");
        io.latchkey.simulator.Canaries.note("android temporary passcode", next);
        boolean numeric = !next.isEmpty() && next.chars().allMatch(Character::isDigit);
        // Command.newPassword: "must be at least 6 characters long if it is numeric in case of
        // Android 14 devices. Else the command will fail with INVALID_VALUE."
        if ((apiLevel >= ANDROID_14 && numeric && next.length() < 6) || next.length() < minimumLength) {
            return "INVALID_VALUE";
        }
        password = next.isEmpty() ? null : next;
        List<String> flags = new ArrayList<>();
        command.path("resetPasswordFlags").forEach(f -> flags.add(f.asText()));
        requireEntry = flags.contains("REQUIRE_ENTRY");
        if (flags.contains("LOCK_NOW")) {
            lock();
        }
        return null;
    }

    private String relinquish() {
        if (profile != AndroidProfile.WORK_PROFILE_COMPANY_OWNED) {
            return "MANAGEMENT_MODE";
        }
        if (apiLevel < ANDROID_8) {
            return "API_LEVEL";
        }
        removal = "relinquished";
        return null;
    }

    /** devices.delete reached the device: a company device is reset, a personal one loses its work profile. */
    synchronized void deleted(List<String> flags, String reasonMessage) {
        wipeFlags.addAll(flags);
        wipeReason = reasonMessage;
        removal = profile == AndroidProfile.WORK_PROFILE_PERSONAL ? "workProfileRemoved" : "wiped";
        password = null;
        deviceLocked = false;
        profileLocked = false;
    }

    /** The Device resource as AMAPI shows it. */
    synchronized ObjectNode resource(Instant now) {
        ObjectNode d = JSON.objectNode();
        d.put("name", name);
        d.put("managementMode", profile.managementMode());
        d.put("ownership", profile.ownership());
        d.put("state", "ACTIVE");
        d.put("appliedState", "ACTIVE");
        d.put("policyName", policyName);
        d.put("appliedPolicyName", policyName);
        d.put("appliedPolicyVersion", "1"); // int64 as a JSON string
        d.put("policyCompliant", !profile.workProfile() || separateChallenge);
        d.put("enrollmentTime", enrolledAt.toString());
        d.put("lastStatusReportTime", now.toString());
        d.put("lastPolicySyncTime", now.toString());
        d.put("enrollmentTokenName", tokenName);
        if (tokenData != null) {
            d.put("enrollmentTokenData", tokenData);
        }
        d.put("apiLevel", apiLevel);
        ObjectNode hardware = d.putObject("hardwareInfo");
        hardware.put("brand", "google");
        hardware.put("manufacturer", "Google");
        hardware.put("model", model);
        hardware.put("hardware", "latchkey-sim");
        hardware.put("serialNumber", serialNumber);
        ObjectNode software = d.putObject("softwareInfo");
        software.put("androidVersion", androidVersion);
        software.put("androidBuildNumber", "SIM." + apiLevel);
        software.put("securityPatchLevel", "2026-11-05");
        ArrayNode policies = d.putArray("appliedPasswordPolicies");
        ObjectNode applied = policies.addObject();
        applied.put("passwordMinimumLength", minimumLength);
        applied.put("passwordQuality", "NUMERIC_COMPLEX");
        applied.put("passwordScope", profile.workProfile() && separateChallenge ? "SCOPE_PROFILE" : "SCOPE_DEVICE");
        return d;
    }

    /** Android's version for an API level, as {@code softwareInfo.androidVersion} reports it. */
    static String androidVersion(int apiLevel) {
        return switch (apiLevel) {
            case 24 -> "7.0";
            case 25 -> "7.1";
            case 26 -> "8.0";
            case 27 -> "8.1";
            case 28 -> "9";
            case 29 -> "10";
            case 30 -> "11";
            case 31, 32 -> "12";
            case 33 -> "13";
            case 34 -> "14";
            case 35 -> "15";
            default -> apiLevel > 35 ? Integer.toString(apiLevel - 20) : "6.0";
        };
    }
}
