package io.latchkey.store.jdbc.enrollment;

import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issued device identities by fingerprint. Binding is a conditional UPDATE ({@code device_id IS
 * NULL}): the row lock makes a second, concurrent UPDATE wait and then re-check, so it changes
 * nothing and the binding it then reads decides between a no-op and a conflict.
 */
public final class JdbcDeviceIdentities implements DeviceIdentities {
    private static final String COLUMNS = "fingerprint, serial_number, user_id, channel, issued_at, not_after,"
            + " device_id, external_id, revoked_at";

    private final Jdbi jdbi;

    public JdbcDeviceIdentities(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(DeviceIdentity identity) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO device_identity (" + COLUMNS + ") VALUES (:fingerprint,"
                            + " :serial, :userId, :channel, :issuedAt, :notAfter, :deviceId, :externalId, :revokedAt)")
                    .bind("fingerprint", identity.fingerprint()).bind("serial", identity.serialNumber())
                    .bind("userId", identity.userId()).bind("channel", identity.channel().name())
                    .bind("issuedAt", identity.issuedAt()).bind("notAfter", identity.notAfter())
                    .bind("deviceId", identity.deviceId()).bind("externalId", identity.externalId())
                    .bind("revokedAt", identity.revokedAt()).execute());
        } catch (RuntimeException e) {
            if (SqlValues.uniqueViolation(e)) {
                throw Rejected.conflict("device identity " + identity.fingerprint() + " is already recorded");
            }
            throw e;
        }
    }

    @Override
    public Optional<DeviceIdentity> findByFingerprint(String fingerprint) {
        return jdbi.withHandle(h -> find(h, fingerprint));
    }

    @Override
    public DeviceIdentity bind(String fingerprint, UUID deviceId, String externalId) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE device_identity SET device_id = :deviceId, external_id = :externalId"
                            + " WHERE fingerprint = :fingerprint AND device_id IS NULL")
                    .bind("deviceId", deviceId).bind("externalId", externalId).bind("fingerprint", fingerprint)
                    .execute();
            DeviceIdentity found = find(h, fingerprint).orElseThrow(() ->
                    Rejected.notFound("no device identity with fingerprint " + fingerprint));
            if (!deviceId.equals(found.deviceId()) || !externalId.equals(found.externalId())) {
                throw Rejected.conflict("device identity " + fingerprint + " is bound to another device");
            }
            return found;
        });
    }

    @Override
    public int revokeOthers(String externalId, String keep, java.time.Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE device_identity SET revoked_at = :at"
                        + " WHERE external_id = :externalId AND fingerprint <> :keep AND revoked_at IS NULL")
                .bind("at", at).bind("externalId", externalId).bind("keep", keep).execute());
    }

    @Override
    public List<DeviceIdentity> listForUser(UUID userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM device_identity WHERE user_id = :userId"
                        + " ORDER BY issued_at, fingerprint")
                .bind("userId", userId).map((rs, ctx) -> map(rs)).list());
    }

    private static Optional<DeviceIdentity> find(Handle h, String fingerprint) {
        return h.createQuery("SELECT " + COLUMNS + " FROM device_identity WHERE fingerprint = :fingerprint")
                .bind("fingerprint", fingerprint).map((rs, ctx) -> map(rs)).findOne();
    }

    private static DeviceIdentity map(ResultSet rs) throws SQLException {
        return new DeviceIdentity(rs.getString("fingerprint"), rs.getString("serial_number"),
                SqlValues.uuid(rs, "user_id"), SqlValues.enumOf(rs, "channel", ChannelKind.class),
                SqlValues.instant(rs, "issued_at"), SqlValues.instant(rs, "not_after"),
                SqlValues.uuid(rs, "device_id"), rs.getString("external_id"), SqlValues.instant(rs, "revoked_at"));
    }
}
