package io.latchkey.core.admin;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Storage port: the administrator accounts, to list them and to find one by id (role management). */
public interface AdminDirectory {
    /** Every administrator, by name. */
    List<Admin> list();

    Optional<Admin> find(UUID id);
}
