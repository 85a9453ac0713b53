package io.latchkey.server.auth.oidc;

import io.latchkey.api.AdminApi;
import io.latchkey.console.Console;
import io.latchkey.console.pages.OidcLoginPage;
import io.latchkey.core.admin.Admins;
import io.latchkey.core.admin.FederatedAdmins;
import io.latchkey.core.admin.FederatedTokens;
import io.latchkey.core.admin.OpenIdSignIn;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.server.config.OidcSettings;
import io.latchkey.server.config.Settings;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * The provider's two uses, as configured: bearer JWTs on the APIs (oidc.api.audience) and console
 * sign-in (oidc.console.*), both making administrators through one {@link FederatedAdmins}.
 */
public final class OidcWiring {
    private OidcWiring() {
    }

    public static void wire(Settings settings, AdminApi api, Console console, Admins admins, AuditLog audit,
                            Clock clock) {
        OidcSettings oidc = settings.oidc();
        if (oidc == null) {
            return;
        }
        FederatedTokens tokens = oidc.audience() == null ? token -> Optional.empty() : new OidcAccessTokens(oidc);
        FederatedAdmins federated = new FederatedAdmins(tokens, admins, audit, clock);
        if (oidc.audience() != null) {
            api.withFederation(federated);
        }
        OidcSettings.Console client = oidc.console();
        if (client != null) {
            URI redirect = client.redirect() != null ? client.redirect()
                    : settings.publicUrl() != null ? settings.publicUrl().resolve(OidcLoginPage.CALLBACK) : null;
            console.withOpenId(new OpenIdSignIn(new OidcCodeFlow(oidc), federated, audit, clock), redirect,
                    client.localSignIn() ? null : settings.bootstrapAdminUser());
        }
    }
}
