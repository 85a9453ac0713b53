package io.latchkey.core.access;

import java.util.List;
import java.util.Optional;

/** Storage port for roles: the built-ins plus the ones operators define. */
public interface Roles {
    List<Role> all();

    Optional<Role> byName(String name);

    /** Creates or replaces a custom role; built-in roles are refused. */
    void saveCustom(Role role);

    /** Deletes a custom role with its assignments; false when no custom role has the name. */
    boolean deleteCustom(String name);
}
