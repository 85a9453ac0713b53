package io.latchkey.core.inventory;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns one import row into a {@link Device}, or records why it cannot. A row for a device that
 * already exists updates it: an optional column left out or empty keeps what is stored (what the
 * device itself reported, such as an escrowed UnlockToken or its current user), so re-importing
 * an old file never erases it.
 */
final class DeviceRow {
    static final Set<String> COLUMNS = Set.of("id", "name", "platform", "osVersion", "model", "serialNumber",
            "channel", "ownership", "enrollingUser", "currentUser", "externalId", "enrolledAt", "lastCheckInAt",
            "androidMode", "unlockTokenEscrowed", "workChallenge", "easProtocolVersion");

    private DeviceRow() {
    }

    static Device read(RowReader row, Function<String, Optional<UUID>> userByUpn, Devices devices, Instant now) {
        UUID id = row.uuid("id");
        String name = row.required("name");
        Platform platform = row.parseExplained("platform", Platform::parse, true);
        String osVersion = row.required("osVersion");
        ManagementChannel channel = row.parseExplained("channel", ManagementChannel::parse, true);
        Ownership ownership = row.parseExplained("ownership", Ownership::parse, true);
        AndroidMode androidMode = row.parseExplained("androidMode", AndroidMode::parse, false);
        UUID enrolling = user(row, "enrollingUser", userByUpn, true);
        UUID current = user(row, "currentUser", userByUpn, false);
        String externalId = row.optional("externalId");
        Instant enrolledAt = row.instant("enrolledAt");
        Instant lastCheckIn = row.instant("lastCheckInAt");
        Boolean unlockToken = row.bool("unlockTokenEscrowed");
        Boolean workChallenge = row.bool("workChallenge");
        String easVersion = row.optional("easProtocolVersion");
        String model = row.optional("model");
        String serial = row.optional("serialNumber");
        row.rejectUnknown(COLUMNS);
        if (osVersion != null && !osVersion.matches("[0-9]+(\\.[0-9A-Za-z]+)*")) {
            row.error("osVersion", "'" + osVersion + "' is not a version such as 17.4.1 or 10.0.22631");
        }
        if (androidMode != null && platform != null && platform != Platform.ANDROID) {
            row.error("androidMode", "androidMode applies to Android devices only");
        }
        if (easVersion != null && !easVersion.matches("[0-9]{1,3}\\.[0-9]{1,3}")) {
            row.error("easProtocolVersion", "'" + easVersion + "' is not an EAS protocol version such as 16.1");
        }
        if (enrolledAt != null && enrolledAt.isAfter(now)) {
            row.error("enrolledAt", "enrolledAt is in the future");
        }
        if (row.failed()) {
            return null;
        }
        Optional<Device> existing = id != null ? devices.find(id)
                : externalId != null ? devices.findByExternalId(externalId) : Optional.empty();
        if (externalId != null) {
            Optional<Device> other = devices.findByExternalId(externalId);
            UUID self = existing.map(Device::id).orElse(id);
            if (other.isPresent() && !other.get().id().equals(self)) {
                row.error("externalId", "'" + externalId + "' belongs to another device (" + other.get().id() + ")");
                return null;
            }
        }
        Device old = existing.orElse(null);
        ChannelState was = old == null ? ChannelState.NONE : old.state();
        ChannelState state = new ChannelState(
                unlockToken != null ? unlockToken : was.unlockTokenEscrowed(),
                androidMode != null ? androidMode : (platform == Platform.ANDROID ? was.androidMode() : null),
                workChallenge != null ? workChallenge : was.workChallenge(),
                easVersion != null ? easVersion : was.easProtocolVersion());
        return new Device(old != null ? old.id() : id != null ? id : UUID.randomUUID(),
                externalId != null ? externalId : old == null ? null : old.externalId(),
                name, platform, osVersion,
                model != null ? model : old == null ? null : old.model(),
                serial != null ? serial : old == null ? null : old.serialNumber(),
                channel, ownership, enrolling,
                current != null ? current : old == null ? null : old.currentUserId(),
                enrolledAt != null ? enrolledAt : old != null ? old.enrolledAt() : now,
                lastCheckIn != null ? lastCheckIn : old == null ? null : old.lastCheckInAt(),
                state);
    }

    private static UUID user(RowReader row, String field, Function<String, Optional<UUID>> userByUpn,
                             boolean required) {
        String upn = required ? row.required(field) : row.optional(field);
        if (upn == null) {
            return null;
        }
        Optional<UUID> id = userByUpn.apply(upn);
        if (id.isEmpty()) {
            row.error(field, "no user '" + upn + "' (import the user first, or in the same file)");
            return null;
        }
        return id.get();
    }
}
