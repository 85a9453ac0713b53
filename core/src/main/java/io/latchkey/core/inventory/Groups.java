package io.latchkey.core.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage port: administrator-defined static device groups (built-in groups are computed). */
public interface Groups {

    void create(StaticGroup group);

    List<StaticGroup> list();

    Optional<StaticGroup> find(UUID id);

    /** Adds devices to a group (already present ones are ignored); returns how many were added. */
    int addMembers(UUID groupId, Collection<UUID> deviceIds);

    /** Removes devices from a group; returns how many were removed. */
    int removeMembers(UUID groupId, Collection<UUID> deviceIds);
}
