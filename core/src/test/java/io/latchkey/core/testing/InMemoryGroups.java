package io.latchkey.core.testing;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.inventory.StaticGroup;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Administrator-defined static groups in memory; members are device ids. */
public final class InMemoryGroups implements Groups {
    private final Map<UUID, StaticGroup> groups = new LinkedHashMap<>();
    private final Map<UUID, Set<UUID>> members = new LinkedHashMap<>();

    @Override
    public synchronized void create(StaticGroup group) {
        if (groups.containsKey(group.id())) {
            throw new IllegalStateException("duplicate group id " + group.id());
        }
        groups.put(group.id(), group);
        members.put(group.id(), new HashSet<>());
    }

    @Override
    public synchronized List<StaticGroup> list() {
        return List.copyOf(groups.values());
    }

    @Override
    public synchronized Optional<StaticGroup> find(UUID id) {
        return Optional.ofNullable(groups.get(id));
    }

    @Override
    public synchronized int addMembers(UUID groupId, Collection<UUID> deviceIds) {
        Set<UUID> set = membersOf(groupId);
        int added = 0;
        for (UUID id : deviceIds) {
            if (set.add(id)) {
                added++;
            }
        }
        return added;
    }

    @Override
    public synchronized int removeMembers(UUID groupId, Collection<UUID> deviceIds) {
        Set<UUID> set = membersOf(groupId);
        int removed = 0;
        for (UUID id : deviceIds) {
            if (set.remove(id)) {
                removed++;
            }
        }
        return removed;
    }

    synchronized boolean isMember(UUID groupId, UUID deviceId) {
        return members.getOrDefault(groupId, Set.of()).contains(deviceId);
    }

    private Set<UUID> membersOf(UUID groupId) {
        Set<UUID> set = members.get(groupId);
        if (set == null) {
            throw Rejected.notFound("no group " + groupId);
        }
        return set;
    }
}
