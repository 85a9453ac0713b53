package io.latchkey.api.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Graph surface's own route table. Graph's URLs do not fit a plain path router: segment
 * names are case-insensitive, and an entity may be addressed as {@code managedDevices/{id}} or
 * with the OData key syntax {@code managedDevices('{id}')} (both appear in Microsoft's samples),
 * so paths are normalised into segments first and then matched here. The table is also what the
 * OpenAPI description is checked against.
 */
final class GraphRouter {
    /** {@code name('key')} or {@code name(key)}: the OData key-as-segment form. */
    private static final Pattern KEY_SEGMENT = Pattern.compile("([^()]+)\\('?([^()']*)'?\\)");

    interface Endpoint {
        void handle(GraphCall call) throws Exception;
    }

    /** One route: method, the versions that have it, a template such as {@code /users/{id}/managedDevices}. */
    record Route(String method, Set<GraphVersion> versions, String template, Endpoint endpoint) {
        List<String> segments() {
            return List.of(template.substring(1).split("/"));
        }
    }

    /** A match: the route and its {@code {…}} values in order. */
    record Match(Route route, List<String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, Endpoint endpoint) {
        routes.add(new Route(method, EnumSet.allOf(GraphVersion.class), template, endpoint));
    }

    void beta(String method, String template, Endpoint endpoint) {
        routes.add(new Route(method, EnumSet.of(GraphVersion.BETA), template, endpoint));
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * The route for a method and the path after the version segment (raw, still percent-encoded);
     * empty when no template matches; a {@link GraphError} 405 when one matches another method.
     */
    Optional<Match> match(String method, GraphVersion version, String rawPath) {
        List<String> segments = segments(rawPath);
        boolean otherMethod = false;
        for (Route r : routes) {
            if (!r.versions().contains(version)) {
                continue;
            }
            List<String> params = bind(r.segments(), segments);
            if (params == null) {
                continue;
            }
            if (r.method().equals(method)) {
                return Optional.of(new Match(r, params));
            }
            otherMethod = true;
        }
        if (otherMethod) {
            throw new GraphError(405, "notAllowed", method + " is not allowed on this resource");
        }
        return Optional.empty();
    }

    /** Splits, decodes and expands key segments: {@code managedDevices('x')} → {@code managedDevices}, {@code x}. */
    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (raw.isEmpty()) {
                continue;
            }
            String s;
            try {
                s = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw GraphError.badRequest("the path segment '" + raw + "' is not validly percent-encoded");
            }
            Matcher m = KEY_SEGMENT.matcher(s);
            if (m.matches()) {
                out.add(m.group(1));
                out.add(m.group(2));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static List<String> bind(List<String> template, List<String> path) {
        if (template.size() != path.size()) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{")) {
                params.add(path.get(i));
            } else if (!t.equalsIgnoreCase(path.get(i))) {
                return null;
            }
        }
        return params;
    }
}
