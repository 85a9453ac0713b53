package io.latchkey.core.inventory;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A managed device (product spec section 4).
 *
 * @param externalId      the channel's own identifier (Apple UDID, Windows DeviceID, AMAPI device
 *                        name, EAS DeviceId); unique among devices, may be null before enrollment
 * @param enrollingUserId the user who enrolled the device
 * @param currentUserId   the user signed in as last reported by the device (null = unknown)
 * @param unenrolledAt    when the device left management (checked out, retired, erased); null while enrolled
 */
public record Device(UUID id, String externalId, String name, Platform platform, String osVersion,
                     String model, String serialNumber, ManagementChannel channel, Ownership ownership,
                     UUID enrollingUserId, UUID currentUserId, Instant enrolledAt, Instant lastCheckInAt,
                     ChannelState state, Instant unenrolledAt) {

    /**
     * The current user when the device says someone other than the enrolling user is signed in
     * but not who (Windows LoginStatus {@code others}): not null, so the matrix can tell "another
     * user" from "unknown".
     */
    public static final UUID ANOTHER_USER = new UUID(0, 1);

    /** An enrolled device. */
    public Device(UUID id, String externalId, String name, Platform platform, String osVersion, String model,
                  String serialNumber, ManagementChannel channel, Ownership ownership, UUID enrollingUserId,
                  UUID currentUserId, Instant enrolledAt, Instant lastCheckInAt, ChannelState state) {
        this(id, externalId, name, platform, osVersion, model, serialNumber, channel, ownership, enrollingUserId,
                currentUserId, enrolledAt, lastCheckInAt, state, null);
    }

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(osVersion, "osVersion");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        state = state == null ? ChannelState.NONE : state;
    }

    /** The major OS version as a number (e.g. "10.0.19045" → 10, "6.3" → 6); 0 when unreadable. */
    public int osMajor() {
        return OsVersion.major(osVersion);
    }

    public Device withCurrentUser(UUID userId) {
        return new Device(id, externalId, name, platform, osVersion, model, serialNumber, channel, ownership,
                enrollingUserId, userId, enrolledAt, lastCheckInAt, state, unenrolledAt);
    }

    public Device withState(ChannelState newState) {
        return new Device(id, externalId, name, platform, osVersion, model, serialNumber, channel, ownership,
                enrollingUserId, currentUserId, enrolledAt, lastCheckInAt, newState, unenrolledAt);
    }

    /** The device left management at {@code at}: no command can reach it any more. */
    public Device unenrolled(Instant at) {
        return new Device(id, externalId, name, platform, osVersion, model, serialNumber, channel, ownership,
                enrollingUserId, currentUserId, enrolledAt, lastCheckInAt, state, at);
    }

    public boolean enrolled() {
        return unenrolledAt == null;
    }
}
