package io.latchkey.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;

import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} of an administrator
 * (RFC 6750). The token is never logged or echoed.
 */
public final class BearerAuth implements Handler {
    static final String ADMIN_ATTRIBUTE = "latchkey.admin";

    private final AdminAccounts accounts;

    public BearerAuth(AdminAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void handle(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("an administrator's API token is required: Authorization: Bearer <token>", false);
        }
        Optional<Admin> admin = accounts.byToken(header.substring(7).trim());
        if (admin.isEmpty()) {
            throw new Unauthorized("the API token is not valid or has expired", true);
        }
        ctx.attribute(ADMIN_ATTRIBUTE, admin.get());
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
