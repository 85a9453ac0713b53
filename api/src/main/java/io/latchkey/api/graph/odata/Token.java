package io.latchkey.api.graph.odata;

/** One lexical token of a {@code $filter} expression, with where it starts (for error messages). */
record Token(Kind kind, String text, int position) {
    enum Kind { WORD, STRING, OPEN, CLOSE, COMMA, END }
}
