package io.latchkey.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.AdminIdentity;
import io.latchkey.core.admin.FederatedAdmins;

import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} of an administrator
 * (RFC 6750). The token is never logged or echoed.
 */
public final class BearerAuth implements Handler {
    static final String ADMIN_ATTRIBUTE = "latchkey.admin";
    /** The {@link AdminIdentity} (admin and the role names its credential carries). */
    public static final String IDENTITY_ATTRIBUTE = "latchkey.identity";

    private final AdminAccounts accounts;
    private volatile AdminTokens tokens;

    public BearerAuth(AdminAccounts accounts) {
        this.accounts = accounts;
        this.tokens = new AdminTokens(accounts, null);
    }

    /** Also accepts the OpenID provider's access tokens; wired once, before the routes serve. */
    void federate(FederatedAdmins federated) {
        this.tokens = new AdminTokens(accounts, federated);
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("an administrator's API token is required: Authorization: Bearer <token>", false);
        }
        Optional<AdminIdentity> identity = tokens.identify(header.substring(7).trim());
        if (identity.isEmpty()) {
            throw new Unauthorized("the API token is not valid or has expired", true);
        }
        ctx.attribute(ADMIN_ATTRIBUTE, identity.get().admin());
        ctx.attribute(IDENTITY_ATTRIBUTE, identity.get());
    }

    /** 401, with the WWW-Authenticate challenge RFC 6750 section 3 asks for. */
    static final class Unauthorized extends ApiException {
        private final boolean invalidToken;

        Unauthorized(String message, boolean invalidToken) {
            super(401, "unauthorized", message);
            this.invalidToken = invalidToken;
        }

        String challenge() {
            return invalidToken ? "Bearer realm=\"latchkey\", error=\"invalid_token\"" : "Bearer realm=\"latchkey\"";
        }
    }
}
