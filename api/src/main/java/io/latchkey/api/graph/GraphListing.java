package io.latchkey.api.graph;

import io.latchkey.api.graph.odata.QueryOptions;
import io.latchkey.core.inventory.Page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Graph collection response: {@code @odata.context}, optional {@code @odata.count},
 * {@code value} and an absolute {@code @odata.nextLink} (https://learn.microsoft.com/graph/paging)
 * that repeats the request's options with the store's keyset cursor as {@code $skiptoken}, so a
 * client that GETs it verbatim walks the whole set without gaps or repeats while devices are added.
 */
final class GraphListing {
    private GraphListing() {
    }

    static Map<String, Object> of(GraphCall call, String contextPath, List<?> value, Long count, String cursor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", call.root() + "/$metadata#" + contextPath);
        if (count != null) {
            body.put("@odata.count", count);
        }
        body.put("value", value);
        if (cursor != null) {
            body.put("@odata.nextLink", nextLink(call, cursor));
        }
        return body;
    }

    static <T> Map<String, Object> of(GraphCall call, String contextPath, Page<T> page, List<?> value, Long count) {
        return of(call, contextPath, value, count, page.nextCursor());
    }

    /** The request's own URL with {@code $skip} dropped (it applied to the first page) and the cursor added. */
    static String nextLink(GraphCall call, String cursor) {
        StringBuilder url = new StringBuilder(GraphCall.origin(call.ctx())).append(call.ctx().req().getRequestURI());
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : call.ctx().queryParamMap().entrySet()) {
            String name = e.getKey();
            if (name.equalsIgnoreCase("$skiptoken") || name.equalsIgnoreCase("$skip")) {
                continue;
            }
            for (String v : e.getValue()) {
                parts.add(encode(name) + "=" + encode(v));
            }
        }
        parts.add("$skiptoken=" + encode(cursor));
        return url.append('?').append(String.join("&", parts)).toString();
    }

    /** Percent-encoding that keeps {@code $} readable, as Graph's own links do. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%24", "$").replace("+", "%20");
    }

    /** $top and $skiptoken alone: what a collection without filtering or sorting supports. */
    static QueryOptions plain(GraphCall call) {
        return QueryOptions.parse(call.ctx().queryParamMap(), java.util.Set.of("$top", "$skiptoken", "$select"));
    }
}
