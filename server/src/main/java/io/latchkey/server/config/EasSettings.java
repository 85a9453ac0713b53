package io.latchkey.server.config;

import io.latchkey.core.eas.EasAccess;

import java.net.URI;
import java.util.List;

/**
 * The Exchange ActiveSync gateway: where Exchange is ({@code eas.upstream}) and what a phone never
 * seen before may do ({@code eas.access.default}). Null in {@link Settings} when no upstream is set.
 */
public record EasSettings(URI upstream, EasAccess defaultAccess) {

    static EasSettings load(String upstream, String access, String upstreamSource, String accessSource,
                            List<String> problems) {
        EasAccess defaultAccess = EasAccess.ALLOWED;
        try {
            defaultAccess = EasAccess.parse(access == null ? "allow" : access);
        } catch (IllegalArgumentException e) {
            problems.add("eas.access.default: " + e.getMessage() + " (" + accessSource + ")");
        }
        if (upstream == null || upstream.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(upstream.trim());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException();
            }
            return new EasSettings(uri, defaultAccess);
        } catch (IllegalArgumentException e) {
            problems.add("eas.upstream must be an http(s) URL without query or fragment, e.g. "
                    + "https://mail.example.com/Microsoft-Server-ActiveSync (" + upstreamSource + ")");
            return null;
        }
    }
}
