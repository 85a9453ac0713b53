package io.latchkey.core.inventory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage port: the device inventory. */
public interface Devices {

    /** Inserts or replaces the device with this id. */
    void save(Device device);

    Optional<Device> find(UUID id);

    Optional<Device> findByExternalId(String externalId);

    /** One page of the devices the filter selects, ordered by {@code sort}, then id. */
    Page<Device> page(DeviceFilter filter, DeviceSort sort, String cursor, int limit);

    /**
     * Moves each device's last check-in forward to the time given (never back), in one batch:
     * devices poll often, and "last seen" is worth one write per interval, not one per request.
     */
    void recordCheckIns(java.util.Map<UUID, java.time.Instant> lastSeen);

    /** Every device the filter selects, for an action request; also the way to count them. */
    List<Device> select(DeviceFilter filter);

    /**
     * How many devices the filter selects. This default reads them all; a store answers with one
     * COUNT, so a console can say "all 100,000 matching" without loading them.
     */
    default long count(DeviceFilter filter) {
        return select(filter).size();
    }
}
