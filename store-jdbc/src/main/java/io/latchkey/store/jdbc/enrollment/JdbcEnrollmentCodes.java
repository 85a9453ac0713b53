package io.latchkey.store.jdbc.enrollment;

import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.EnrollmentCode;
import io.latchkey.core.enrollment.EnrollmentCodes;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time enrollment codes by hash. Redeeming is a conditional UPDATE: the row lock makes a
 * second, concurrent UPDATE wait and then re-check {@code used_at IS NULL}, so it changes nothing.
 */
public final class JdbcEnrollmentCodes implements EnrollmentCodes {
    private final Jdbi jdbi;

    public JdbcEnrollmentCodes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void save(EnrollmentCode code) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO enrollment_code (code_hash, user_id, channel, created_at,"
                            + " expires_at, used_at) VALUES (:hash, :userId, :channel, :createdAt, :expiresAt, :usedAt)")
                    .bind("hash", code.codeHash()).bind("userId", code.userId()).bind("channel", code.channel().name())
                    .bind("createdAt", code.createdAt()).bind("expiresAt", code.expiresAt())
                    .bind("usedAt", code.usedAt()).execute());
        } catch (RuntimeException e) {
            if (SqlValues.uniqueViolation(e)) {
                throw Rejected.conflict("this enrollment code is already registered"); // never echo the hash
            }
            throw e;
        }
    }

    @Override
    public Optional<EnrollmentCode> find(String codeHash, ChannelKind channel) {
        return jdbi.withHandle(h -> h.createQuery("SELECT code_hash, user_id, channel, created_at, expires_at, used_at"
                        + " FROM enrollment_code WHERE code_hash = :hash AND channel = :channel")
                .bind("hash", codeHash).bind("channel", channel.name()).map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public Optional<UUID> redeem(String codeHash, ChannelKind channel, Instant now) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("UPDATE enrollment_code SET used_at = :now WHERE code_hash = :hash"
                            + " AND channel = :channel AND used_at IS NULL AND expires_at > :now")
                    .bind("now", now).bind("hash", codeHash).bind("channel", channel.name()).execute();
            if (changed != 1) {
                return Optional.empty();
            }
            return h.createQuery("SELECT user_id FROM enrollment_code WHERE code_hash = :hash")
                    .bind("hash", codeHash).map((rs, ctx) -> SqlValues.uuid(rs, "user_id")).findOne();
        });
    }

    @Override
    public int purgeExpired(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM enrollment_code WHERE expires_at <= :now")
                .bind("now", now).execute());
    }

    private static EnrollmentCode map(ResultSet rs) throws SQLException {
        return new EnrollmentCode(rs.getString("code_hash"), SqlValues.uuid(rs, "user_id"),
                SqlValues.enumOf(rs, "channel", ChannelKind.class), SqlValues.instant(rs, "created_at"),
                SqlValues.instant(rs, "expires_at"), SqlValues.instant(rs, "used_at"));
    }
}
