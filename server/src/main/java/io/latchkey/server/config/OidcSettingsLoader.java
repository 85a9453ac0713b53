package io.latchkey.server.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The OpenID Connect settings: null (JWT bearers not accepted) unless {@code oidc.issuer} is set. */
final class OidcSettingsLoader {
    /** The console's callback, served by console LoginPage; a configured redirect must end in it. */
    static final String CALLBACK_PATH = "/console/login/oidc/callback";
    private OidcSettingsLoader() {
    }

    static OidcSettings load(Function<Option, String> text, Function<Option, String> source, List<String> problems) {
        String issuer = blank(text.apply(Option.OIDC_ISSUER));
        String audience = blank(text.apply(Option.OIDC_API_AUDIENCE));
        String clientId = blank(text.apply(Option.OIDC_CONSOLE_CLIENT_ID));
        if (issuer == null) {
            for (Option o : List.of(Option.OIDC_API_AUDIENCE, Option.OIDC_CONSOLE_CLIENT_ID)) {
                if (blank(text.apply(o)) != null) {
                    problems.add(o.key() + " is set but oidc.issuer is not (" + source.apply(o) + ")");
                }
            }
            return null;
        }
        int before = problems.size();
        URI uri = null;
        try {
            uri = URI.create(issuer);
            boolean https = "https".equals(uri.getScheme());
            boolean loopbackHttp = "http".equals(uri.getScheme()) && isLoopback(uri.getHost());
            if (uri.getHost() == null || !(https || loopbackHttp) || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            problems.add("oidc.issuer must be an https URL without query or fragment (plain http only for a "
                    + "loopback test provider) (" + source.apply(Option.OIDC_ISSUER) + ")");
        }
        if (audience == null && clientId == null) {
            problems.add("oidc.issuer is set but oidc.api.audience is not: without an audience check any token "
                    + "the provider issued for another application would be accepted; set it, or "
                    + "oidc.console.client.id for console sign-in only (" + source.apply(Option.OIDC_ISSUER) + ")");
        }
        String claim = blank(text.apply(Option.OIDC_ROLES_CLAIM));
        if (claim == null) {
            problems.add("oidc.roles.claim must not be empty (" + source.apply(Option.OIDC_ROLES_CLAIM) + ")");
        }
        Map<String, String> roles = roleMap(blank(text.apply(Option.OIDC_ROLE_MAP)), source.apply(Option.OIDC_ROLE_MAP),
                problems);
        OidcSettings.Console console = clientId == null || uri == null ? null
                : console(clientId, uri, text, source, problems);
        if (problems.size() > before) {
            return null;
        }
        return new OidcSettings(uri, audience, claim, roles, console);
    }

    private static OidcSettings.Console console(String clientId, URI issuer, Function<Option, String> text,
                                                Function<Option, String> source, List<String> problems) {
        URI redirect = null;
        String rawRedirect = blank(text.apply(Option.OIDC_CONSOLE_REDIRECT));
        if (rawRedirect != null) {
            try {
                redirect = URI.create(rawRedirect);
                boolean web = "https".equals(redirect.getScheme())
                        || "http".equals(redirect.getScheme()) && isLoopback(redirect.getHost());
                // OpenID Connect Core 1.0 section 3.1.2.1: compared exactly, no fragment
                if (!web || redirect.getHost() == null || redirect.getFragment() != null
                        || !redirect.getPath().equals(CALLBACK_PATH)) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                problems.add("oidc.console.redirect must be https://<host>" + CALLBACK_PATH + " (plain http only on "
                        + "loopback) (" + source.apply(Option.OIDC_CONSOLE_REDIRECT) + ")");
            }
        }
        String rawScopes = text.apply(Option.OIDC_CONSOLE_SCOPES);
        List<String> scopes = rawScopes == null ? List.of() : List.of(rawScopes.trim().split("[\\s,]+"));
        if (!scopes.contains("openid")) {
            problems.add("oidc.console.scopes must include openid, or the provider answers no ID token ("
                    + source.apply(Option.OIDC_CONSOLE_SCOPES) + ")");
        }
        String name = blank(text.apply(Option.OIDC_CONSOLE_NAME));
        String local = blank(text.apply(Option.OIDC_CONSOLE_LOCAL_SIGNIN));
        if (local != null && !local.equals("true") && !local.equals("false")) {
            problems.add("oidc.console.local.signin must be true or false ("
                    + source.apply(Option.OIDC_CONSOLE_LOCAL_SIGNIN) + ")");
        }
        return new OidcSettings.Console(clientId, blank(text.apply(Option.OIDC_CONSOLE_CLIENT_SECRET)), redirect,
                scopes, name == null ? issuer.getHost() : name, !"false".equals(local));
    }

    /** {@code latchkey-admins=Administrator,helpdesk=Help Desk Operator}: names may hold spaces, not commas. */
    static Map<String, String> roleMap(String raw, String source, List<String> problems) {
        Map<String, String> map = new LinkedHashMap<>();
        if (raw == null) {
            problems.add("oidc.role.map is empty: no token could be mapped to a Latchkey role; set for example "
                    + "oidc.role.map=latchkey-admins=Administrator (" + source + ")");
            return map;
        }
        for (String pair : raw.split(",")) {
            int eq = pair.indexOf('=');
            String from = eq < 0 ? "" : pair.substring(0, eq).trim();
            String to = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (from.isEmpty() || to.isEmpty()) {
                problems.add("oidc.role.map: '" + pair.trim() + "' is not provider-role=Latchkey role (" + source + ")");
            } else if (map.putIfAbsent(from, to) != null) {
                problems.add("oidc.role.map names '" + from + "' twice (" + source + ")");
            }
        }
        return map;
    }

    private static boolean isLoopback(String host) {
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
