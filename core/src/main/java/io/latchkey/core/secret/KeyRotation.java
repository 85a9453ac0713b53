package io.latchkey.core.secret;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * {@code latchkey keys rotate}: re-wraps every data key under the keyring's primary master key and,
 * unless told not to, adds a fresh data key for new secrets. Sealed values are not touched, so it
 * runs while the servers serve; once {@link #status} shows no data key under an old master key,
 * that key can leave the key files.
 */
public final class KeyRotation {
    private final DataKeys store;
    private final MasterKeyring.Source keyring;
    private final AuditLog audit;
    private final Clock clock;

    public record Outcome(String primary, int rewrapped, int alreadyUnderPrimary, OptionalInt newDataKey) {
    }

    public record Status(String primary, List<String> heldMasterKeys, List<DataKey> dataKeys) {
        /** Data keys wrapped under a master key other than the primary: rotation is not finished. */
        public List<DataKey> notUnderPrimary() {
            return dataKeys.stream().filter(k -> !k.masterKeyId().equals(primary)).toList();
        }
    }

    public KeyRotation(DataKeys store, MasterKeyring.Source keyring, AuditLog audit, Clock clock) {
        this.store = store;
        this.keyring = keyring;
        this.audit = audit;
        this.clock = clock;
    }

    public Status status() {
        MasterKeyring ring = keyring.current();
        return new Status(ring.primary().id(), ring.keys().stream().map(MasterKey::id).toList(),
                store.all().stream().sorted(Comparator.comparingInt(DataKey::id)).toList());
    }

    /**
     * @throws SecretException when a data key is under a master key the keyring lacks, before anything changed
     */
    public Outcome rotate(boolean addDataKey, String actor) {
        MasterKeyring ring = keyring.current();
        MasterKey primary = ring.primary();
        List<DataKey> all = store.all();
        for (DataKey key : all) {
            if (ring.byId(key.masterKeyId()).isEmpty()) {
                throw new SecretException("data key " + key.id() + " is wrapped under master key "
                        + key.masterKeyId() + ", which the keyring does not hold: list the old key after the new one", null);
            }
        }
        int rewrapped = 0;
        int already = 0;
        for (DataKey key : all) {
            if (key.masterKeyId().equals(primary.id())) {
                already++;
                continue;
            }
            byte[] plain = Wrapping.unwrap(key, ring.byId(key.masterKeyId()).orElseThrow());
            DataKey wrapped = Wrapping.wrap(key.id(), plain, primary, key.createdAt());
            if (store.rewrap(key.id(), key.masterKeyId(), primary.id(), wrapped.wrapped())) {
                rewrapped++;
            }
        }
        OptionalInt added = OptionalInt.empty();
        if (addDataKey) {
            int id = all.stream().mapToInt(DataKey::id).max().orElse(0) + 1;
            while (!store.add(Wrapping.wrap(id, Wrapping.randomKey(), primary, clock.instant()))) {
                id++; // another rotation took it
            }
            added = OptionalInt.of(id);
        }
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor, "cli", "keys.rotate", "keys",
                primary.id(), "re-wrapped " + rewrapped + " data keys under master key " + primary.id()
                + (added.isPresent() ? "; new data key " + added.getAsInt() : "")));
        return new Outcome(primary.id(), rewrapped, already, added);
    }
}
