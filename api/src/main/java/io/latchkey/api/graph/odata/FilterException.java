package io.latchkey.api.graph.odata;

/** A {@code $filter} the parser cannot read; its message says where and why. */
public final class FilterException extends RuntimeException {
    public FilterException(String message) {
        super(message, null, false, false);
    }
}
