package io.latchkey.core.access;

import java.util.Set;
import java.util.UUID;

/** Where an assignment applies: every device, or the devices of some groups. */
public record Scope(boolean allDevices, Set<UUID> groupIds) {
    public static final Scope ALL = new Scope(true, Set.of());
    public static final Scope NONE = new Scope(false, Set.of());

    public Scope {
        groupIds = allDevices ? Set.of() : Set.copyOf(groupIds);
    }

    public static Scope groups(Set<UUID> groupIds) {
        if (groupIds == null || groupIds.isEmpty()) {
            throw new IllegalArgumentException("a group scope needs at least one group");
        }
        return new Scope(false, groupIds);
    }

    public boolean isEmpty() {
        return !allDevices && groupIds.isEmpty();
    }
}
