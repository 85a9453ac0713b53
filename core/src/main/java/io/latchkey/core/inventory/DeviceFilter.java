package io.latchkey.core.inventory;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which devices: every non-null field narrows the set. {@code groupId} is a built-in group id
 * ({@link BuiltInGroup#id()}) or a static group's UUID; {@code userId} matches the enrolling
 * user; {@code search} matches name, serial number or model (case-insensitive substring).
 * {@code scopeGroups}, when not null, keeps only members of one of those static groups: the scope
 * of the caller's role assignment (issue 8 item 2), applied by the store like any other field.
 */
public record DeviceFilter(List<UUID> ids, String groupId, UUID userId, Platform platform,
                           ManagementChannel channel, String search, Set<UUID> scopeGroups) {

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, null, null, null);

    public DeviceFilter {
        scopeGroups = scopeGroups == null ? null : Set.copyOf(scopeGroups);
    }

    /** A filter over every device the caller may reach (no scope). */
    public DeviceFilter(List<UUID> ids, String groupId, UUID userId, Platform platform, ManagementChannel channel,
                        String search) {
        this(ids, groupId, userId, platform, channel, search, null);
    }

    /**
     * This filter kept to members of these groups; null keeps it as it is. Narrowing twice keeps the
     * devices in both scopes, so a scope can never be widened by a second call.
     */
    public DeviceFilter withinGroups(Set<UUID> groups) {
        if (groups == null) {
            return this;
        }
        Set<UUID> narrowed = new java.util.HashSet<>(groups);
        if (scopeGroups != null) {
            narrowed.retainAll(scopeGroups);
        }
        return new DeviceFilter(ids, groupId, userId, platform, channel, search, narrowed);
    }

    /** The same selection without its scope, to compare what the caller asked for. */
    public DeviceFilter unscoped() {
        return new DeviceFilter(ids, groupId, userId, platform, channel, search, null);
    }

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
