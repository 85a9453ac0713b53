package io.latchkey.store.jdbc.admin;

import io.latchkey.core.Rejected;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminPasswords;
import io.latchkey.core.admin.Admins;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.core.admin.ApiTokens;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Administrator accounts and their API tokens; tokens are looked up by hash on a unique index. */
public final class JdbcAdmins implements Admins, AdminPasswords, ApiTokens, io.latchkey.core.admin.AdminDirectory {
    private static final String SELECT = "SELECT a.id, a.name, a.password_hash, a.created_at FROM admin a";
    private final Jdbi jdbi;

    public JdbcAdmins(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admin").mapTo(Long.class).one());
    }

    @Override
    public void create(Admin admin, List<ApiToken> tokens) {
        try {
            jdbi.useTransaction(h -> {
                h.createUpdate("INSERT INTO admin (id, name, password_hash, created_at)"
                                + " VALUES (:id, :name, :hash, :createdAt)")
                        .bind("id", admin.id()).bind("name", admin.name()).bind("hash", admin.passwordHash())
                        .bind("createdAt", admin.createdAt()).execute();
                for (ApiToken token : tokens) {
                    insertToken(h, token);
                }
            });
        } catch (RuntimeException e) {
            if (SqlValues.uniqueViolation(e)) {
                throw Rejected.conflict("an administrator named '" + admin.name() + "' already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<Admin> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE a.name = :name").bind("name", name)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public List<Admin> list() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " ORDER BY a.name").map((rs, ctx) -> map(rs)).list());
    }

    @Override
    public Optional<Admin> find(java.util.UUID id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE a.id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public void addToken(ApiToken token) {
        try {
            jdbi.useHandle(h -> insertToken(h, token));
        } catch (RuntimeException e) {
            if (SqlValues.uniqueViolation(e)) {
                throw Rejected.conflict("this API token is already registered"); // never echo the hash
            }
            throw e;
        }
    }

    @Override
    public Optional<Admin> findByTokenHash(String tokenHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " JOIN api_token t ON t.admin_id = a.id"
                        + " WHERE t.token_hash = :hash AND t.revoked_at IS NULL"
                        + " AND (t.expires_at IS NULL OR t.expires_at > :now)")
                .bind("hash", tokenHash).bind("now", now).map((rs, ctx) -> map(rs)).findOne());
    }

    @Override
    public Optional<TokenBearer> findBearer(String tokenHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.id, a.name, a.password_hash, a.created_at, t.only_roles"
                        + " FROM admin a JOIN api_token t ON t.admin_id = a.id"
                        + " WHERE t.token_hash = :hash AND t.revoked_at IS NULL"
                        + " AND (t.expires_at IS NULL OR t.expires_at > :now)")
                .bind("hash", tokenHash).bind("now", now)
                .map((rs, ctx) -> new TokenBearer(map(rs), roles(rs.getString("only_roles")))).findOne());
    }

    private static java.util.Set<String> roles(String stored) {
        return stored == null || stored.isBlank() ? java.util.Set.of() : java.util.Set.of(stored.split("\n"));
    }

    @Override
    public boolean setPasswordHash(UUID adminId, String passwordHash) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE admin SET password_hash = :hash WHERE id = :id")
                .bind("hash", passwordHash).bind("id", adminId).execute()) == 1;
    }

    @Override
    public List<ApiToken> ofAdmin(UUID adminId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, admin_id, name, token_hash, created_at, expires_at,"
                        + " revoked_at, only_roles FROM api_token WHERE admin_id = :id ORDER BY created_at, id")
                .bind("id", adminId)
                .map((rs, ctx) -> new ApiToken(SqlValues.uuid(rs, "id"), SqlValues.uuid(rs, "admin_id"),
                        rs.getString("name"), rs.getString("token_hash"), SqlValues.instant(rs, "created_at"),
                        SqlValues.instant(rs, "expires_at"), SqlValues.instant(rs, "revoked_at"),
                        roles(rs.getString("only_roles"))))
                .list());
    }

    @Override
    public boolean revoke(UUID adminId, UUID tokenId, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE api_token SET revoked_at = :at"
                        + " WHERE id = :id AND admin_id = :adminId AND revoked_at IS NULL")
                .bind("at", at).bind("id", tokenId).bind("adminId", adminId).execute()) == 1;
    }

    private static Admin map(ResultSet rs) throws SQLException {
        return new Admin(SqlValues.uuid(rs, "id"), rs.getString("name"), rs.getString("password_hash"),
                SqlValues.instant(rs, "created_at"));
    }

    private static void insertToken(org.jdbi.v3.core.Handle h, ApiToken token) {
        h.createUpdate("INSERT INTO api_token (id, admin_id, name, token_hash, created_at,"
                        + " expires_at, only_roles) VALUES (:id, :adminId, :name, :hash, :createdAt, :expiresAt, :roles)")
                .bind("id", token.id()).bind("adminId", token.adminId()).bind("name", token.name())
                .bind("hash", token.tokenHash()).bind("createdAt", token.createdAt())
                .bind("expiresAt", token.expiresAt())
                .bind("roles", token.onlyRoles().isEmpty() ? null : String.join("\n", new java.util.TreeSet<>(token.onlyRoles())))
                .execute();
    }
}
