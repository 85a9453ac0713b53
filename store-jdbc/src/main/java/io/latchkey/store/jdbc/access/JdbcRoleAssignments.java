package io.latchkey.store.jdbc.access;

import io.latchkey.core.access.RoleAssignment;
import io.latchkey.core.access.RoleAssignments;
import io.latchkey.core.access.Scope;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import io.latchkey.store.jdbc.audit.JdbcAuditLog;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Assignments in role_assignment (+ role_assignment_group for group scopes). Loaded on every
 * API call, so of() is two indexed reads by admin id.
 */
public final class JdbcRoleAssignments implements RoleAssignments {
    private final Jdbi jdbi;
    private final Dialect dialect;

    public JdbcRoleAssignments(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    @Override
    public List<RoleAssignment> of(UUID adminId) {
        return jdbi.withHandle(h -> {
            Map<String, Boolean> rows = new HashMap<>();
            h.createQuery("SELECT role_name, all_devices FROM role_assignment WHERE admin_id = :a ORDER BY role_name")
                    .bind("a", adminId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                    .forEach(e -> rows.put(e.getKey(), e.getValue()));
            Map<String, Set<UUID>> groups = new HashMap<>();
            h.createQuery("SELECT role_name, group_id FROM role_assignment_group WHERE admin_id = :a")
                    .bind("a", adminId).map((rs, ctx) -> Map.entry(rs.getString(1), SqlValues.uuid(rs, "group_id")))
                    .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
            List<RoleAssignment> out = new ArrayList<>();
            for (var row : rows.entrySet()) {
                Set<UUID> scoped = groups.getOrDefault(row.getKey(), Set.of());
                // A group scope whose groups were all deleted grants nothing rather than failing the call.
                if (!row.getValue() && scoped.isEmpty()) {
                    continue;
                }
                Scope scope = row.getValue() ? Scope.ALL : Scope.groups(scoped);
                JdbcRoles.load(h, row.getKey()).ifPresent(role -> out.add(new RoleAssignment(adminId, role, scope)));
            }
            out.sort(java.util.Comparator.comparing(RoleAssignment::roleName));
            return out;
        });
    }

    @Override
    public void assign(UUID adminId, String roleName, Scope scope, AuditEvent event) {
        if (scope.isEmpty()) {
            throw new IllegalArgumentException("an assignment needs a scope: all devices or some groups");
        }
        jdbi.useTransaction(h -> {
            if (JdbcRoles.load(h, roleName).isEmpty()) {
                throw new IllegalArgumentException("unknown role '" + roleName + "'");
            }
            h.createUpdate("DELETE FROM role_assignment WHERE admin_id = :a AND role_name = :r")
                    .bind("a", adminId).bind("r", roleName).execute();
            h.createUpdate("INSERT INTO role_assignment (admin_id, role_name, all_devices) VALUES (:a, :r, :all)")
                    .bind("a", adminId).bind("r", roleName).bind("all", scope.allDevices()).execute();
            for (UUID group : scope.groupIds()) {
                h.createUpdate("INSERT INTO role_assignment_group (admin_id, role_name, group_id) VALUES (:a, :r, :g)")
                        .bind("a", adminId).bind("r", roleName).bind("g", group).execute();
            }
            JdbcAuditLog.insert(h, dialect, event);
        });
    }

    @Override
    public void revoke(UUID adminId, String roleName, AuditEvent event) {
        jdbi.useTransaction(h -> {
            if (h.createUpdate("DELETE FROM role_assignment WHERE admin_id = :a AND role_name = :r")
                    .bind("a", adminId).bind("r", roleName).execute() > 0) {
                JdbcAuditLog.insert(h, dialect, event);
            }
        });
    }
}
