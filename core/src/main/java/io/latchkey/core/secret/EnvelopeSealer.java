package io.latchkey.core.secret;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Envelope encryption (issue 8 item 5): secrets are sealed with a data key, data keys are stored
 * wrapped under a master key that lives outside the database. Layout of a sealed value:
 * {@code 2 | data key id (4, big-endian) | the AesGcmSealer layout under that data key}.
 * Values of the older layout ({@code 1 | nonce | ciphertext}) were sealed with the master key
 * itself; they open with data key 0, which is that key, so rotating the master key never strands
 * them.
 *
 * <p>Rotating the master key re-wraps the data keys and leaves every sealed value as it is; a
 * node keeps the data keys it opened in memory, so it goes on sealing and opening while another
 * process rotates. New data keys made by a rotation are picked up within {@link #REFRESH}.
 */
public final class EnvelopeSealer implements SecretSealer {
    static final byte VERSION = 2;
    private static final byte LEGACY_VERSION = 1;
    static final Duration REFRESH = Duration.ofSeconds(60);

    private final DataKeys store;
    private final MasterKeyring.Source keyring;
    private final Clock clock;
    private final Map<Integer, AesGcmSealer> opened = new ConcurrentHashMap<>();
    private volatile Current current;

    private record Current(int id, AesGcmSealer sealer, Instant loadedAt) {
    }

    private EnvelopeSealer(DataKeys store, MasterKeyring.Source keyring, Clock clock) {
        this.store = store;
        this.keyring = keyring;
        this.clock = clock;
    }

    /**
     * Opens every stored data key with the node's master keys, first making data key 0 (the master
     * key that sealed values before data keys existed) and data key 1 on a database that has none.
     *
     * @throws SecretException when a data key is wrapped under a master key this node does not hold,
     *                         or does not open with it: better to refuse to start than to fail later
     */
    public static EnvelopeSealer open(DataKeys store, MasterKeyring.Source keyring, Clock clock) {
        EnvelopeSealer sealer = new EnvelopeSealer(store, keyring, clock);
        if (store.all().isEmpty()) {
            MasterKey primary = keyring.current().primary();
            store.add(Wrapping.wrap(0, primary.bytes(), primary, clock.instant()));
            store.add(Wrapping.wrap(1, Wrapping.randomKey(), primary, clock.instant()));
        }
        for (DataKey key : store.all()) {
            sealer.key(key.id());
        }
        sealer.refresh();
        return sealer;
    }

    @Override
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        Current c = current;
        if (Duration.between(c.loadedAt(), clock.instant()).compareTo(REFRESH) >= 0) {
            c = refresh();
        }
        byte[] inner = c.sealer().seal(plaintext, associatedData);
        return ByteBuffer.allocate(5 + inner.length).put(VERSION).putInt(c.id()).put(inner).array();
    }

    @Override
    public byte[] open(byte[] sealed, byte[] associatedData) {
        if (sealed != null && sealed.length > 0 && sealed[0] == LEGACY_VERSION) {
            return key(0).open(sealed, associatedData);
        }
        if (sealed == null || sealed.length < 6 || sealed[0] != VERSION) {
            throw new SecretException("not a sealed secret of a known version", null);
        }
        int id = ByteBuffer.wrap(sealed, 1, 4).getInt();
        return key(id).open(Arrays.copyOfRange(sealed, 5, sealed.length), associatedData);
    }

    /** The id of the data key new secrets are sealed with. */
    public int currentDataKey() {
        return current.id();
    }

    private Current refresh() {
        List<DataKey> all = store.all();
        int newest = all.stream().max(Comparator.comparingInt(DataKey::id))
                .orElseThrow(() -> new SecretException("no data keys are stored", null)).id();
        Current c = new Current(newest, key(newest), clock.instant());
        current = c;
        return c;
    }

    private AesGcmSealer key(int id) {
        AesGcmSealer known = opened.get(id);
        if (known != null) {
            return known;
        }
        DataKey stored = store.find(id).orElseThrow(() -> new SecretException(
                "the secret names data key " + id + ", which is not stored", null));
        MasterKey master = keyring.current().byId(stored.masterKeyId()).orElseThrow(() -> new SecretException(
                "data key " + id + " is wrapped under master key " + stored.masterKeyId()
                        + ", which this node does not hold: add it to the key file (see docs/security.md, keys)",
                null));
        AesGcmSealer sealer = new AesGcmSealer(Wrapping.unwrap(stored, master));
        opened.put(id, sealer);
        return sealer;
    }
}
