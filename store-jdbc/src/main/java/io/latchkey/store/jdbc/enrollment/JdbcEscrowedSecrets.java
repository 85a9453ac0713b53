package io.latchkey.store.jdbc.enrollment;

import io.latchkey.core.enrollment.EscrowedSecrets;
import io.latchkey.store.jdbc.Dialect;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Escrowed device secrets, ciphertext only, one per device and kind. */
public final class JdbcEscrowedSecrets implements EscrowedSecrets {
    private final Jdbi jdbi;
    private final String upsert;

    public JdbcEscrowedSecrets(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.upsert = dialect.upsert("escrowed_secret", List.of("device_id", "kind", "ciphertext", "updated_at"),
                "device_id, kind");
    }

    @Override
    public void put(UUID deviceId, String kind, byte[] ciphertext, Instant at) {
        jdbi.useHandle(h -> h.createUpdate(upsert).bind(0, deviceId).bind(1, kind).bind(2, ciphertext).bind(3, at)
                .execute());
    }

    @Override
    public Optional<byte[]> get(UUID deviceId, String kind) {
        return jdbi.withHandle(h -> h.createQuery("SELECT ciphertext FROM escrowed_secret WHERE device_id = :id"
                + " AND kind = :kind").bind("id", deviceId).bind("kind", kind).mapTo(byte[].class).findOne());
    }

    @Override
    public void remove(UUID deviceId, String kind) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM escrowed_secret WHERE device_id = :id AND kind = :kind")
                .bind("id", deviceId).bind("kind", kind).execute());
    }
}
