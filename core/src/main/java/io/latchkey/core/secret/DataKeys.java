package io.latchkey.core.secret;

import java.util.List;
import java.util.Optional;

/** Storage port for wrapped data keys (never the unwrapped bytes, never a master key). */
public interface DataKeys {

    List<DataKey> all();

    Optional<DataKey> find(int id);

    /** Stores a new data key; false when one with that id exists already (another node was first). */
    boolean add(DataKey key);

    /** Replaces the wrapping of a key if it is still wrapped under {@code expectedMasterKeyId}. */
    boolean rewrap(int id, String expectedMasterKeyId, String newMasterKeyId, byte[] wrapped);
}
