package io.latchkey.core.testing;

import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Page;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Devices in memory, with the filter semantics of {@link DeviceFilter}. */
public final class InMemoryDevices implements Devices {
    private final Map<UUID, Device> devices = new LinkedHashMap<>();
    private final InMemoryGroups groups;

    /** @param groups where static-group membership is looked up */
    public InMemoryDevices(InMemoryGroups groups) {
        this.groups = groups;
    }

    /** Saves each device and returns them, for one-line fixtures. */
    public synchronized List<Device> add(Device... list) {
        for (Device d : list) {
            save(d);
        }
        return List.of(list);
    }

    @Override
    public synchronized void save(Device device) {
        if (device.externalId() != null) {
            for (Device other : devices.values()) {
                if (!other.id().equals(device.id()) && device.externalId().equals(other.externalId())) {
                    throw new IllegalStateException("duplicate external id " + device.externalId());
                }
            }
        }
        devices.put(device.id(), device);
    }

    @Override
    public synchronized Optional<Device> find(UUID id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public synchronized Optional<Device> findByExternalId(String externalId) {
        return devices.values().stream().filter(d -> externalId.equals(d.externalId())).findFirst();
    }

    @Override
    public synchronized Page<Device> page(DeviceFilter filter, DeviceSort sort, String cursor, int limit) {
        Comparator<Device> order = switch (sort) {
            case NAME -> Comparator.comparing(Device::name);
            case LAST_CHECK_IN -> Comparator.comparing(Device::lastCheckInAt,
                    Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
            case ENROLLED -> Comparator.comparing(Device::enrolledAt);
        };
        List<Device> ordered = select(filter).stream().sorted(order.thenComparing(Device::id)).toList();
        return Paging.page(ordered, d -> d.id().toString(), cursor, limit);
    }

    @Override
    public synchronized List<Device> select(DeviceFilter filter) {
        DeviceFilter f = filter == null ? DeviceFilter.ALL : filter;
        return devices.values().stream().filter(d -> matches(f, d)).toList();
    }

    private boolean matches(DeviceFilter f, Device d) {
        if (f.ids() != null && !f.ids().contains(d.id())) {
            return false;
        }
        if (f.groupId() != null && !inGroup(f.groupId(), d)) {
            return false;
        }
        if (f.userId() != null && !f.userId().equals(d.enrollingUserId())) {
            return false;
        }
        if (f.platform() != null && f.platform() != d.platform()) {
            return false;
        }
        if (f.channel() != null && f.channel() != d.channel()) {
            return false;
        }
        if (f.search() != null) {
            String s = f.search().toLowerCase(Locale.ROOT);
            return contains(d.name(), s) || contains(d.serialNumber(), s) || contains(d.model(), s);
        }
        return true;
    }

    private boolean inGroup(String groupId, Device d) {
        Optional<BuiltInGroup> builtIn = BuiltInGroup.byId(groupId);
        if (builtIn.isPresent()) {
            return builtIn.get().contains(d);
        }
        try {
            return groups.isMember(UUID.fromString(groupId), d.id());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean contains(String field, String lowerNeedle) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    @Override
    public synchronized void recordCheckIns(java.util.Map<UUID, java.time.Instant> lastSeen) {
        lastSeen.forEach((id, at) -> {
            Device d = devices.get(id);
            if (d != null && (d.lastCheckInAt() == null || d.lastCheckInAt().isBefore(at))) {
                devices.put(id, new Device(d.id(), d.externalId(), d.name(), d.platform(), d.osVersion(), d.model(),
                        d.serialNumber(), d.channel(), d.ownership(), d.enrollingUserId(), d.currentUserId(),
                        d.enrolledAt(), at, d.state(), d.unenrolledAt()));
            }
        });
    }
}
