package io.latchkey.core.secret;

import java.util.List;
import java.util.Optional;

/**
 * The master keys a node holds: the first is the primary, which wraps new data keys and which a
 * rotation re-wraps every data key under; the others are kept only to open data keys not yet
 * re-wrapped.
 */
public record MasterKeyring(List<MasterKey> keys) {
    public MasterKeyring {
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("a keyring needs at least one master key");
        }
        keys = List.copyOf(keys);
        if (keys.stream().map(MasterKey::id).distinct().count() != keys.size()) {
            throw new IllegalArgumentException("the same master key is listed twice");
        }
    }

    public static MasterKeyring of(byte[]... keys) {
        return new MasterKeyring(java.util.Arrays.stream(keys).map(MasterKey::new).toList());
    }

    public MasterKey primary() {
        return keys.get(0);
    }

    public Optional<MasterKey> byId(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** Where a node's keyring comes from; a key file is read again when a data key names an unknown master key. */
    public interface Source {
        MasterKeyring current();
    }
}
