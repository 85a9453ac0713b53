package io.latchkey.store.jdbc.access;

import io.latchkey.core.access.Permission;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.Roles;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.audit.JdbcAuditLog;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Roles in the role and role_permission tables; built-ins always come from the code's definition. */
public final class JdbcRoles implements Roles {
    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcRoles(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public List<Role> all() {
        return jdbi.withHandle(h -> {
            Map<String, EnumSet<Permission>> custom = new LinkedHashMap<>();
            h.createQuery("SELECT name FROM role WHERE built_in = FALSE ORDER BY name").mapTo(String.class)
                    .forEach(n -> custom.put(n, EnumSet.noneOf(Permission.class)));
            h.createQuery("SELECT p.role_name, p.permission FROM role_permission p JOIN role r ON r.name = p.role_name"
                            + " WHERE r.built_in = FALSE")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> custom.get(e.getKey()).add(Permission.parse(e.getValue())));
            List<Role> roles = new ArrayList<>(Role.builtIns());
            custom.forEach((name, perms) -> roles.add(new Role(name, perms, false)));
            return roles;
        });
    }

    @Override
    public Optional<Role> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> load(h, name));
    }

    static Optional<Role> load(Handle h, String name) {
        Optional<Role> builtIn = Role.builtIns().stream().filter(r -> r.name().equals(name)).findFirst();
        if (builtIn.isPresent()) {
            return builtIn;
        }
        boolean exists = h.createQuery("SELECT COUNT(*) FROM role WHERE name = :n AND built_in = FALSE")
                .bind("n", name).mapTo(Integer.class).one() == 1;
        if (!exists) {
            return Optional.empty();
        }
        EnumSet<Permission> perms = EnumSet.noneOf(Permission.class);
        h.createQuery("SELECT permission FROM role_permission WHERE role_name = :n").bind("n", name)
                .mapTo(String.class).forEach(p -> perms.add(Permission.parse(p)));
        return Optional.of(new Role(name, perms, false));
    }

    @Override
    public void saveCustom(Role role, AuditEvent event) {
        if (role.builtIn() || Role.builtIns().stream().anyMatch(b -> b.name().equalsIgnoreCase(role.name()))) {
            throw new IllegalArgumentException("'" + role.name() + "' is a built-in role and cannot be changed");
        }
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE role SET built_in = FALSE WHERE name = :n").bind("n", role.name())
                    .execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO role (name, built_in) VALUES (:n, FALSE)").bind("n", role.name()).execute();
            }
            h.createUpdate("DELETE FROM role_permission WHERE role_name = :n").bind("n", role.name()).execute();
            for (Permission p : Set.copyOf(role.permissions())) {
                h.createUpdate("INSERT INTO role_permission (role_name, permission) VALUES (:n, :p)")
                        .bind("n", role.name()).bind("p", p.name()).execute();
            }
            JdbcAuditLog.insert(h, dialect, event);
        });
    }

    @Override
    public boolean deleteCustom(String name, AuditEvent event) {
        // Assignments of the role (and their groups) go with it through ON DELETE CASCADE.
        return jdbi.inTransaction(h -> {
            if (h.createUpdate("DELETE FROM role WHERE name = :n AND built_in = FALSE").bind("n", name).execute() != 1) {
                return false;
            }
            JdbcAuditLog.insert(h, dialect, event);
            return true;
        });
    }
}
