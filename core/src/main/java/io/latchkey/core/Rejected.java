package io.latchkey.core;

/**
 * A use case refused its input. Surfaces map the kind to their own status (HTTP 400/404/409, a CLI
 * exit code); the message is for the administrator and never carries secret material.
 */
public class Rejected extends RuntimeException {
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, GONE }

    private final Kind kind;

    public Rejected(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static Rejected invalid(String message) {
        return new Rejected(Kind.INVALID, message);
    }

    public static Rejected notFound(String message) {
        return new Rejected(Kind.NOT_FOUND, message);
    }

    public static Rejected conflict(String message) {
        return new Rejected(Kind.CONFLICT, message);
    }
}
