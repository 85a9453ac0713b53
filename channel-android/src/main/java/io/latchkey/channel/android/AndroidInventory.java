package io.latchkey.channel.android;

import com.google.api.services.androidmanagement.v1.model.PasswordRequirements;
import io.latchkey.core.Ids;
import io.latchkey.core.inventory.AndroidMode;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.Users;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Device records from AMAPI Device resources, as the API itself answered them (never from a
 * notification's payload alone): model, Android version, management mode, ownership, and the
 * enrolling user named in the enrollment token's {@code additionalData}
 * (https://developers.google.com/android/management/reference/rest/v1/enterprises.devices).
 */
public final class AndroidInventory {
    /** The enrollment token's additionalData: this prefix, then the Latchkey user id. */
    static final String USER_PREFIX = "latchkey-user:";

    private final Devices devices;
    private final Users users;
    private final Clock clock;

    public AndroidInventory(Devices devices, Users users, Clock clock) {
        this.devices = devices;
        this.users = users;
        this.clock = clock;
    }

    /** Creates or refreshes the record of an AMAPI device; returns it. */
    public Device upsert(com.google.api.services.androidmanagement.v1.model.Device d) {
        Optional<Device> known = devices.findByExternalId(d.getName());
        String model = d.getHardwareInfo() == null ? null : d.getHardwareInfo().getModel();
        String serial = d.getHardwareInfo() == null ? null : d.getHardwareInfo().getSerialNumber();
        String version = d.getSoftwareInfo() == null || d.getSoftwareInfo().getAndroidVersion() == null ? "unknown"
                : d.getSoftwareInfo().getAndroidVersion();
        AndroidMode mode = "PROFILE_OWNER".equals(d.getManagementMode()) ? AndroidMode.WORK_PROFILE
                : AndroidMode.FULLY_MANAGED;
        Ownership ownership = "PERSONALLY_OWNED".equals(d.getOwnership()) ? Ownership.PERSONAL : Ownership.COMPANY;
        UUID user = enrollingUser(d.getEnrollmentTokenData());
        Instant now = clock.instant();
        Instant lastSeen = time(d.getLastStatusReportTime(), now);
        ChannelState state = new ChannelState(false, mode, mode == AndroidMode.WORK_PROFILE && workChallenge(d), null);
        Device record = known.map(k -> new Device(k.id(), d.getName(), k.name(), Platform.ANDROID, version, model,
                        serial, ManagementChannel.MDM, ownership, k.enrollingUserId() != null ? k.enrollingUserId() : user,
                        k.currentUserId(), k.enrolledAt(), later(k.lastCheckInAt(), lastSeen), state, k.unenrolledAt()))
                .orElseGet(() -> new Device(Ids.timeOrdered(), d.getName(), name(model, serial, d.getName()),
                        Platform.ANDROID, version, model, serial, ManagementChannel.MDM, ownership, user, user,
                        time(d.getEnrollmentTime(), now), lastSeen, state));
        if ("DELETED".equals(d.getAppliedState()) && record.enrolled()) {
            record = record.unenrolled(now);
        }
        devices.save(record);
        return record;
    }

    /** The device left management (deleted, relinquished, wiped): it stays in the inventory, unenrolled. */
    public void unenrolled(UUID deviceId) {
        devices.find(deviceId).filter(Device::enrolled).ifPresent(d -> devices.save(d.unenrolled(clock.instant())));
    }

    /** The Android devices still under management, for devices.list reconciliation. */
    public List<Device> enrolledAndroid() {
        return devices.select(new DeviceFilter(null, null, null, Platform.ANDROID, ManagementChannel.MDM, null))
                .stream().filter(Device::enrolled).toList();
    }

    /**
     * A work profile has its own challenge when the password policy applied to it is profile-scoped
     * (appliedPasswordPolicies, passwordScope SCOPE_PROFILE): the default policy asks for one.
     */
    private static boolean workChallenge(com.google.api.services.androidmanagement.v1.model.Device d) {
        if (d.getAppliedPasswordPolicies() == null) {
            return false;
        }
        for (PasswordRequirements r : d.getAppliedPasswordPolicies()) {
            if ("SCOPE_PROFILE".equals(r.getPasswordScope())) {
                return true;
            }
        }
        return false;
    }

    private UUID enrollingUser(String tokenData) {
        if (tokenData == null || !tokenData.startsWith(USER_PREFIX)) {
            return null;
        }
        try {
            UUID id = UUID.fromString(tokenData.substring(USER_PREFIX.length()).trim());
            return users.find(id).isPresent() ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String name(String model, String serial, String amapiName) {
        String tail = serial != null && serial.length() >= 4 ? serial.substring(serial.length() - 4)
                : amapiName.substring(amapiName.lastIndexOf('/') + 1);
        return (model == null ? "Android" : model) + " " + tail;
    }

    private static Instant time(String text, Instant fallback) {
        try {
            return text == null ? fallback : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
