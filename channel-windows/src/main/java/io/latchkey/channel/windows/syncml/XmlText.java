package io.latchkey.channel.windows.syncml;

/**
 * XML 1.0 escaping for text and attribute values. Carriage returns and, in attributes, tabs and
 * newlines are written as character references, because a parser would otherwise normalise them
 * (XML 1.0 §2.11, §3.3.3) and a Data value would not come back unchanged.
 */
final class XmlText {

    private XmlText() {
    }

    /** @throws IllegalArgumentException for a character XML 1.0 cannot carry (most C0 controls, U+FFFE/U+FFFF, a lone surrogate) */
    static void escape(String text, StringBuilder out, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;"); // also breaks "]]>"
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("U+" + Integer.toHexString(c) + " cannot be written in XML 1.0");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
