package io.latchkey.api.graph.odata;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a {@code $filter} expression into tokens (OData ABNF, simplified): quoted strings with
 * {@code ''} as an escaped quote, parentheses, commas, and words (names, keywords, numbers,
 * dates, GUIDs), which the parser classifies.
 */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Token.Kind.OPEN, "(", i++));
            } else if (c == ')') {
                out.add(new Token(Token.Kind.CLOSE, ")", i++));
            } else if (c == ',') {
                out.add(new Token(Token.Kind.COMMA, ",", i++));
            } else if (c == '\'') {
                int start = i++;
                StringBuilder s = new StringBuilder();
                while (true) {
                    if (i >= n) {
                        throw new FilterException("unterminated string starting at position " + (start + 1));
                    }
                    char d = text.charAt(i++);
                    if (d == '\'') {
                        if (i < n && text.charAt(i) == '\'') {
                            s.append('\'');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        s.append(d);
                    }
                }
                out.add(new Token(Token.Kind.STRING, s.toString(), start));
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "(),'".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(Token.Kind.WORD, text.substring(start, i), start));
            }
        }
        out.add(new Token(Token.Kind.END, "", n));
        return out;
    }
}
