package io.latchkey.core.admin;

import java.util.UUID;

/** Storage port: replaces an administrator's stored password hash (a change, or an upgrade to a newer scheme). */
public interface AdminPasswords {

    /** @return false when there is no such administrator */
    boolean setPasswordHash(UUID adminId, String passwordHash);
}
