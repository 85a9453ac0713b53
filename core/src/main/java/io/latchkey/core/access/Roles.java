package io.latchkey.core.access;

import java.util.List;
import java.util.Optional;

/** Storage port for roles: the built-ins plus the ones operators define. */
public interface Roles {
    List<Role> all();

    Optional<Role> byName(String name);

    /**
     * Creates or replaces a custom role and appends {@code event} to the audit log in the same
     * transaction (both or neither); built-in roles are refused.
     */
    void saveCustom(Role role, io.latchkey.core.audit.AuditEvent event);

    /**
     * Deletes a custom role with its assignments, appending {@code event} in the same transaction;
     * false, and nothing appended, when no custom role has the name.
     */
    boolean deleteCustom(String name, io.latchkey.core.audit.AuditEvent event);
}
