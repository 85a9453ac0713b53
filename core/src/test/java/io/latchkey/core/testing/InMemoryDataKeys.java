package io.latchkey.core.testing;

import io.latchkey.core.secret.DataKey;
import io.latchkey.core.secret.DataKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A hand-written DataKeys store for the core's tests; the JDBC one passes DataKeysContract. */
public final class InMemoryDataKeys implements DataKeys {
    private final ConcurrentSkipListMap<Integer, DataKey> rows = new ConcurrentSkipListMap<>();

    @Override
    public List<DataKey> all() {
        return new ArrayList<>(rows.values());
    }

    @Override
    public Optional<DataKey> find(int id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public boolean add(DataKey key) {
        return rows.putIfAbsent(key.id(), key) == null;
    }

    @Override
    public synchronized boolean rewrap(int id, String expectedMasterKeyId, String newMasterKeyId, byte[] wrapped) {
        DataKey k = rows.get(id);
        if (k == null || !k.masterKeyId().equals(expectedMasterKeyId)) {
            return false;
        }
        rows.put(id, new DataKey(id, newMasterKeyId, wrapped, k.createdAt()));
        return true;
    }
}
