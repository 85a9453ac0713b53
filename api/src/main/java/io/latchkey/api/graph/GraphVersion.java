package io.latchkey.api.graph;

import java.util.Locale;
import java.util.Optional;

/** Graph's two API versions; the path segment is matched case-insensitively ({@code /Beta} in scripts). */
public enum GraphVersion {
    V1("v1.0"), BETA("beta");

    private final String segment;

    GraphVersion(String segment) {
        this.segment = segment;
    }

    public String segment() {
        return segment;
    }

    static Optional<GraphVersion> of(String segment) {
        String s = segment.toLowerCase(Locale.ROOT);
        for (GraphVersion v : values()) {
            if (v.segment.equals(s)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
