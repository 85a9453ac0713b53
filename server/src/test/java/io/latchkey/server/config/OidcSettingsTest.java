package io.latchkey.server.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The oidc.* settings: off by default, and every half-configured combination refused at start. */
class OidcSettingsTest {

    private static Settings load(Map<Option, String> flags) {
        return SettingsLoader.load(flags, null, Map.of());
    }

    private static ConfigException refused(Map<Option, String> flags) {
        return catchThrowableOfType(ConfigException.class, () -> load(flags));
    }

    @Test
    void offUnlessAnIssuerIsSet() {
        assertThat(load(Map.of()).oidc()).isNull();
    }

    @Test
    void parsesIssuerAudienceClaimAndRoleMap() {
        OidcSettings oidc = load(Map.of(Option.OIDC_ISSUER, "https://login.example.com/tenant",
                Option.OIDC_API_AUDIENCE, "api://latchkey",
                Option.OIDC_ROLE_MAP, "latchkey-admins=Administrator, helpdesk = Help Desk Operator")).oidc();
        assertThat(oidc.issuer().toString()).isEqualTo("https://login.example.com/tenant");
        assertThat(oidc.rolesClaim()).isEqualTo("roles");
        assertThat(oidc.roleMap()).containsExactlyInAnyOrderEntriesOf(Map.of("latchkey-admins", "Administrator",
                "helpdesk", "Help Desk Operator"));
    }

    @Test
    void anIssuerWithoutAudienceIsAConfigurationError() {
        ConfigException e = refused(Map.of(Option.OIDC_ISSUER, "https://login.example.com",
                Option.OIDC_ROLE_MAP, "a=Administrator"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("oidc.api.audience is not"));
    }

    @Test
    void anAudienceWithoutIssuerIsAConfigurationError() {
        assertThat(refused(Map.of(Option.OIDC_API_AUDIENCE, "api://latchkey")).problems())
                .anySatisfy(p -> assertThat(p).contains("oidc.issuer is not"));
    }

    @Test
    void plainHttpIssuersAreRefusedExceptOnLoopback() {
        Map<Option, String> base = Map.of(Option.OIDC_API_AUDIENCE, "x", Option.OIDC_ROLE_MAP, "a=Administrator");
        assertThat(refused(with(base, Option.OIDC_ISSUER, "http://login.example.com")).problems())
                .anySatisfy(p -> assertThat(p).contains("oidc.issuer must be an https URL"));
        assertThat(load(with(base, Option.OIDC_ISSUER, "http://127.0.0.1:9000")).oidc()).isNotNull();
    }

    @Test
    void aMissingOrMalformedRoleMapIsRefused() {
        Map<Option, String> base = Map.of(Option.OIDC_ISSUER, "https://idp.example", Option.OIDC_API_AUDIENCE, "x");
        assertThat(refused(base).problems()).anySatisfy(p -> assertThat(p).contains("oidc.role.map is empty"));
        assertThat(refused(with(base, Option.OIDC_ROLE_MAP, "admins")).problems())
                .anySatisfy(p -> assertThat(p).contains("'admins' is not provider-role=Latchkey role"));
        assertThat(refused(with(base, Option.OIDC_ROLE_MAP, "a=Administrator,a=Read Only Operator")).problems())
                .anySatisfy(p -> assertThat(p).contains("names 'a' twice"));
    }

    private static final Map<Option, String> CONSOLE = Map.of(Option.OIDC_ISSUER, "https://login.example.com/t/v2.0",
            Option.OIDC_CONSOLE_CLIENT_ID, "latchkey-console", Option.OIDC_ROLE_MAP, "admins=Administrator");

    @Test
    void consoleSignInAloneNeedsNoApiAudienceAndHasDefaults() {
        OidcSettings oidc = load(CONSOLE).oidc();
        assertThat(oidc.audience()).isNull();
        OidcSettings.Console c = oidc.console();
        assertThat(c.clientId()).isEqualTo("latchkey-console");
        assertThat(c.clientSecret()).isNull();
        assertThat(c.redirect()).isNull();
        assertThat(c.scopes()).containsExactly("openid", "profile");
        assertThat(c.name()).isEqualTo("login.example.com");
        assertThat(c.localSignIn()).isTrue();
    }

    @Test
    void consoleSettingsAreReadAndTheSecretIsNeverPrinted() {
        Settings s = load(with(with(with(with(with(CONSOLE, Option.OIDC_CONSOLE_CLIENT_SECRET, "s3cr3t-value"),
                Option.OIDC_CONSOLE_REDIRECT, "https://mdm.example.com/console/login/oidc/callback"),
                Option.OIDC_CONSOLE_SCOPES, "openid profile email"), Option.OIDC_CONSOLE_NAME, "Entra ID"),
                Option.OIDC_CONSOLE_LOCAL_SIGNIN, "false"));
        OidcSettings.Console c = s.oidc().console();
        assertThat(c.clientSecret()).isEqualTo("s3cr3t-value");
        assertThat(c.redirect()).hasToString("https://mdm.example.com/console/login/oidc/callback");
        assertThat(c.scopes()).containsExactly("openid", "profile", "email");
        assertThat(c.name()).isEqualTo("Entra ID");
        assertThat(c.localSignIn()).isFalse();
        assertThat(s.toString()).doesNotContain("s3cr3t-value").contains("clientSecret=***");
    }

    @Test
    void badConsoleSettingsAreRefused() {
        assertThat(refused(with(CONSOLE, Option.OIDC_CONSOLE_REDIRECT, "https://mdm.example.com/elsewhere"))
                .problems()).anySatisfy(p -> assertThat(p).contains("oidc.console.redirect must be"));
        assertThat(refused(with(CONSOLE, Option.OIDC_CONSOLE_REDIRECT,
                "http://mdm.example.com/console/login/oidc/callback")).problems())
                .anySatisfy(p -> assertThat(p).contains("oidc.console.redirect must be"));
        assertThat(refused(with(CONSOLE, Option.OIDC_CONSOLE_SCOPES, "profile email")).problems())
                .anySatisfy(p -> assertThat(p).contains("must include openid"));
        assertThat(refused(with(CONSOLE, Option.OIDC_CONSOLE_LOCAL_SIGNIN, "no")).problems())
                .anySatisfy(p -> assertThat(p).contains("oidc.console.local.signin must be true or false"));
        assertThat(refused(Map.of(Option.OIDC_CONSOLE_CLIENT_ID, "c")).problems())
                .anySatisfy(p -> assertThat(p).contains("oidc.console.client.id is set but oidc.issuer is not"));
    }

    private static Map<Option, String> with(Map<Option, String> base, Option o, String v) {
        Map<Option, String> m = new java.util.EnumMap<>(base);
        m.put(o, v);
        return m;
    }
}
