package io.latchkey.store.jdbc.admin;

import io.latchkey.core.admin.TotpSecrets;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Sealed TOTP secrets; the used-step check is one conditional UPDATE, atomic across nodes. */
public final class JdbcTotpSecrets implements TotpSecrets {
    private final Jdbi jdbi;

    public JdbcTotpSecrets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void put(UUID adminId, byte[] sealedSecret, boolean confirmed) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM admin_totp WHERE admin_id = :id").bind("id", adminId).execute();
            h.createUpdate("INSERT INTO admin_totp (admin_id, sealed_secret, confirmed, last_step)"
                            + " VALUES (:id, :secret, :confirmed, -1)")
                    .bind("id", adminId).bind("secret", Base64.getEncoder().encodeToString(sealedSecret))
                    .bind("confirmed", confirmed).execute();
        });
    }

    @Override
    public Optional<Stored> find(UUID adminId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT admin_id, sealed_secret, confirmed, last_step"
                        + " FROM admin_totp WHERE admin_id = :id").bind("id", adminId)
                .map((rs, ctx) -> new Stored(SqlValues.uuid(rs, "admin_id"),
                        Base64.getDecoder().decode(rs.getString("sealed_secret")), rs.getBoolean("confirmed"),
                        rs.getLong("last_step")))
                .findOne());
    }

    @Override
    public boolean confirm(UUID adminId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE admin_totp SET confirmed = TRUE WHERE admin_id = :id")
                .bind("id", adminId).execute()) == 1;
    }

    @Override
    public boolean advance(UUID adminId, long step) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE admin_totp SET last_step = :step"
                        + " WHERE admin_id = :id AND last_step < :step")
                .bind("id", adminId).bind("step", step).execute()) == 1;
    }

    @Override
    public void remove(UUID adminId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM admin_totp WHERE admin_id = :id").bind("id", adminId)
                .execute());
    }
}
