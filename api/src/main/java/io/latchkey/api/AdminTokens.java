package io.latchkey.api;

import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.AdminIdentity;
import io.latchkey.core.admin.FederatedAdmins;

import java.util.Optional;
import java.util.Set;

/**
 * The one bearer check both API surfaces share: a JWT-shaped bearer goes to the OpenID provider's
 * check when one is configured, anything else (Latchkey's {@code lk_…} tokens) to the token table.
 */
public final class AdminTokens {
    private final AdminAccounts accounts;
    private final FederatedAdmins federated;

    /** @param federated null when no OpenID provider is configured */
    public AdminTokens(AdminAccounts accounts, FederatedAdmins federated) {
        this.accounts = accounts;
        this.federated = federated;
    }

    public Optional<AdminIdentity> identify(String bearer) {
        if (federated != null && FederatedAdmins.looksLikeJwt(bearer)) {
            return federated.identify(bearer);
        }
        return accounts.bearer(bearer).map(b -> new AdminIdentity(b.admin(), Set.of(), b.onlyRoles()));
    }
}
