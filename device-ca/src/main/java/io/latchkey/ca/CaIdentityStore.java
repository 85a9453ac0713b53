package io.latchkey.ca;

import java.util.Optional;

/**
 * Where the device CA lives between restarts. Losing it orphans every enrolled device (their
 * identities no longer verify), so an implementation must persist durably.
 */
public interface CaIdentityStore {

    Optional<CaIdentity> load();

    void save(CaIdentity identity);
}
