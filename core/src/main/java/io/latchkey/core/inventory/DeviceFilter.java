package io.latchkey.core.inventory;

import java.util.List;
import java.util.UUID;

/**
 * Which devices: every non-null field narrows the set. {@code groupId} is a built-in group id
 * ({@link BuiltInGroup#id()}) or a static group's UUID; {@code userId} matches the enrolling
 * user; {@code search} matches name, serial number or model (case-insensitive substring).
 */
public record DeviceFilter(List<UUID> ids, String groupId, UUID userId, Platform platform,
                           ManagementChannel channel, String search) {

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, null, null, null);

    public static DeviceFilter ids(List<UUID> ids) {
        return new DeviceFilter(List.copyOf(ids), null, null, null, null, null);
    }

    public static DeviceFilter group(String groupId) {
        return new DeviceFilter(null, groupId, null, null, null, null);
    }

    public static DeviceFilter user(UUID userId) {
        return new DeviceFilter(null, null, userId, null, null, null);
    }
}
