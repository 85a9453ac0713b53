package io.latchkey.core.access;

import java.util.List;
import java.util.UUID;

/** Storage port for who holds which role where. */
public interface RoleAssignments {
    /** The admin's assignments with their roles resolved; empty for an unknown admin. */
    List<RoleAssignment> of(UUID adminId);

    /**
     * Gives the role to the admin within the scope, replacing that admin's earlier scope for it, and
     * appends {@code event} to the audit log in the same transaction.
     */
    void assign(UUID adminId, String roleName, Scope scope, io.latchkey.core.audit.AuditEvent event);

    /** Takes the role away, appending {@code event} with it; nothing changes when the admin did not hold it. */
    void revoke(UUID adminId, String roleName, io.latchkey.core.audit.AuditEvent event);
}
