package io.latchkey.channel.windows.enrollment;

/**
 * Escaping for the XML this package writes by hand. Everything goes through {@link #escape}, which
 * also refuses characters XML 1.0 cannot carry at all (a NUL, say, as in the device CSR's CN), so a
 * written message is always well-formed.
 */
final class XmlText {
    private XmlText() {
    }

    /** Text or attribute content; quotes and line breaks escaped so attribute values survive normalisation. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\t' -> out.append("&#9;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (!allowed(c)) {
                        throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " cannot appear in XML 1.0");
                    }
                    out.appendCodePoint(c);
                }
            }
        }
        return out.toString();
    }

    private static boolean allowed(int c) {
        return (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
