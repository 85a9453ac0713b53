package io.latchkey.server.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The OpenID Connect settings: null (JWT bearers not accepted) unless {@code oidc.issuer} is set. */
final class OidcSettingsLoader {
    private OidcSettingsLoader() {
    }

    static OidcSettings load(Function<Option, String> text, Function<Option, String> source, List<String> problems) {
        String issuer = blank(text.apply(Option.OIDC_ISSUER));
        String audience = blank(text.apply(Option.OIDC_API_AUDIENCE));
        if (issuer == null) {
            if (audience != null) {
                problems.add("oidc.api.audience is set but oidc.issuer is not (" + source.apply(Option.OIDC_API_AUDIENCE)
                        + ")");
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
        if (audience == null) {
            problems.add("oidc.issuer is set but oidc.api.audience is not: without an audience check any token "
                    + "the provider issued for another application would be accepted (" + source.apply(Option.OIDC_ISSUER) + ")");
        }
        String claim = blank(text.apply(Option.OIDC_ROLES_CLAIM));
        if (claim == null) {
            problems.add("oidc.roles.claim must not be empty (" + source.apply(Option.OIDC_ROLES_CLAIM) + ")");
        }
        Map<String, String> roles = roleMap(blank(text.apply(Option.OIDC_ROLE_MAP)), source.apply(Option.OIDC_ROLE_MAP),
                problems);
        if (problems.size() > before) {
            return null;
        }
        return new OidcSettings(uri, audience, claim, roles);
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
