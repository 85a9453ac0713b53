package io.latchkey.core.enrollment;

import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.DeviceRemoval;
import io.latchkey.core.inventory.DeviceSort;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage ports whose writes change what {@link CheckInCache} keeps, wrapped so that each write
 * makes it forget, after the write returned (committed): a read that began before is then not kept
 * either (the cache's generation). Revocations and removals are also announced to the other nodes
 * ({@code announce}), since a kept answer there would let a revoked certificate or a removed device
 * be answered until its entry expires.
 */
public final class ForgetOnChange {

    private ForgetOnChange() {
    }

    public static Devices devices(Devices store, CheckInCache cache) {
        return new Devices() {
            @Override
            public void save(Device device) {
                store.save(device);
                cache.forget(device.id());
            }

            @Override
            public Optional<Device> find(UUID id) {
                return store.find(id);
            }

            @Override
            public Optional<Device> findByExternalId(String externalId) {
                return store.findByExternalId(externalId);
            }

            @Override
            public Page<Device> page(DeviceFilter filter, DeviceSort sort, String cursor, int limit) {
                return store.page(filter, sort, cursor, limit);
            }

            /** Last-seen times are not among the facts an Idle answer uses. */
            @Override
            public void recordCheckIns(Map<UUID, Instant> lastSeen) {
                store.recordCheckIns(lastSeen);
            }

            @Override
            public List<Device> select(DeviceFilter filter) {
                return store.select(filter);
            }

            @Override
            public long count(DeviceFilter filter) {
                return store.count(filter);
            }
        };
    }

    public static DeviceIdentities identities(DeviceIdentities store, CheckInCache cache, Runnable announce) {
        return new DeviceIdentities() {
            @Override
            public void record(DeviceIdentity identity) {
                store.record(identity);
                cache.forget(identity.fingerprint());
            }

            @Override
            public Optional<DeviceIdentity> findByFingerprint(String fingerprint) {
                return store.findByFingerprint(fingerprint);
            }

            @Override
            public DeviceIdentity bind(String fingerprint, UUID deviceId, String externalId) {
                DeviceIdentity bound = store.bind(fingerprint, deviceId, externalId);
                cache.forget(fingerprint);
                return bound;
            }

            @Override
            public int revokeOthers(String externalId, String keep, Instant at) {
                int revoked = store.revokeOthers(externalId, keep, at);
                if (revoked > 0) {
                    cache.forgetAll();
                    announce.run();
                }
                return revoked;
            }

            @Override
            public List<DeviceIdentity> listForUser(UUID userId) {
                return store.listForUser(userId);
            }
        };
    }

    public static DeviceRemoval removal(DeviceRemoval store, CheckInCache cache, Runnable announce) {
        return (deviceId, event) -> {
            boolean removed = store.remove(deviceId, event);
            if (removed) {
                cache.forget(deviceId);
                announce.run();
            }
            return removed;
        };
    }
}
