package io.latchkey.channel.eas.wbxml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one WBXML codec of the EAS channel (WBXML 1.3 as profiled by MS-ASWBXML §2.1.1): version
 * 0x03, public identifier 0x01 (unknown), charset UTF-8 (0x6A), an empty string table, then tags
 * of the {@link CodePages}, SWITCH_PAGE, END, STR_I and OPAQUE. Every other global token, the
 * string table and attributes are not used by EAS and refused. Untrusted input is bounded:
 * {@link #MAX_DEPTH} levels, {@link #MAX_STRING} bytes per string or opaque block.
 */
public final class Wbxml {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_STRING = 1 << 20;

    static final int VERSION_1_3 = 0x03;
    static final int PUBLIC_ID_UNKNOWN = 0x01;
    static final int CHARSET_UTF8 = 0x6A;
    static final int SWITCH_PAGE = 0x00;
    static final int END = 0x01;
    static final int STR_I = 0x03;
    static final int OPAQUE = 0xC3;
    static final int HAS_CONTENT = 0x40;
    static final int HAS_ATTRIBUTES = 0x80;

    private Wbxml() {
    }

    /** Encodes one element tree as an EAS WBXML document. */
    public static byte[] encode(WbxmlElement root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION_1_3);
        out.write(PUBLIC_ID_UNKNOWN);
        out.write(CHARSET_UTF8);
        out.write(0); // string table length
        int[] page = {0};
        write(root, out, page, 1);
        return out.toByteArray();
    }

    private static void write(WbxmlElement e, ByteArrayOutputStream out, int[] page, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("elements nest deeper than " + MAX_DEPTH);
        }
        CodePage cp = CodePages.byNamespace(e.namespace())
                .orElseThrow(() -> new IllegalArgumentException("no code page for namespace " + e.namespace()));
        int token = cp.token(e.name())
                .orElseThrow(() -> new IllegalArgumentException("no tag " + e.name() + " in code page " + e.namespace()));
        if (cp.number() != page[0]) {
            out.write(SWITCH_PAGE);
            out.write(cp.number());
            page[0] = cp.number();
        }
        boolean content = !e.children().isEmpty() || e.text() != null || e.opaque() != null;
        out.write(content ? token | HAS_CONTENT : token);
        if (!content) {
            return;
        }
        if (e.text() != null) {
            out.write(STR_I);
            out.writeBytes(e.text().getBytes(StandardCharsets.UTF_8));
            out.write(0);
        } else if (e.opaque() != null) {
            byte[] data = e.opaque();
            out.write(OPAQUE);
            writeMultiByte(out, data.length);
            out.writeBytes(data);
        } else {
            for (WbxmlElement child : e.children()) {
                write(child, out, page, depth + 1);
            }
        }
        out.write(END);
    }

    static void writeMultiByte(ByteArrayOutputStream out, int value) {
        int shift = 28;
        while (shift > 0 && (value >>> shift) == 0) {
            shift -= 7;
        }
        for (; shift > 0; shift -= 7) {
            out.write(0x80 | ((value >>> shift) & 0x7F));
        }
        out.write(value & 0x7F);
    }

    /** Decodes an EAS WBXML document into its root element. */
    public static WbxmlElement decode(byte[] body) {
        Reader in = new Reader(body);
        int version = in.next("version");
        if (version != VERSION_1_3) {
            throw new WbxmlException("WBXML version 0x" + Integer.toHexString(version) + " (EAS uses 1.3, 0x03)");
        }
        int publicId = in.multiByte("public identifier");
        if (publicId == 0) {
            in.multiByte("public identifier index"); // a string-table reference; the table must be empty anyway
        }
        int charset = in.multiByte("charset");
        if (charset != CHARSET_UTF8) {
            throw new WbxmlException("charset " + charset + " (EAS uses UTF-8, 106)");
        }
        if (in.multiByte("string table length") != 0) {
            throw new WbxmlException("a string table (EAS never uses one)");
        }
        WbxmlElement root = in.element(1);
        if (in.pos != body.length) {
            throw new WbxmlException((body.length - in.pos) + " byte(s) after the root element");
        }
        return root;
    }

    /** The decoding cursor; every read checks the bounds, so truncated input is a {@link WbxmlException}. */
    private static final class Reader {
        private final byte[] data;
        private int pos;
        private int page;

        Reader(byte[] data) {
            this.data = data;
        }

        int next(String what) {
            if (pos >= data.length) {
                throw new WbxmlException("truncated: the body ends where " + what + " was expected");
            }
            return data[pos++] & 0xFF;
        }

        int multiByte(String what) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                int b = next(what);
                value = (value << 7) | (b & 0x7F);
                if ((b & 0x80) == 0) {
                    if (value > Integer.MAX_VALUE) {
                        throw new WbxmlException(what + " is too large");
                    }
                    return (int) value;
                }
            }
            throw new WbxmlException(what + " is longer than 5 bytes");
        }

        /** Reads tokens up to one tag (switching pages on the way) and returns that element with its content. */
        WbxmlElement element(int depth) {
            if (depth > MAX_DEPTH) {
                throw new WbxmlException("elements nest deeper than " + MAX_DEPTH);
            }
            int first = next("a tag");
            while (first == SWITCH_PAGE) {
                int number = next("a code page number");
                if (CodePages.byNumber(number).isEmpty()) {
                    throw new WbxmlException("unknown code page " + number);
                }
                page = number;
                first = next("a tag");
            }
            int token = first;
            if ((token & HAS_ATTRIBUTES) != 0 || (token & 0x3F) < 0x05) {
                throw new WbxmlException("token 0x" + Integer.toHexString(token) + " where a tag was expected");
            }
            CodePage cp = CodePages.byNumber(page).orElseThrow();
            String name = cp.name(token & 0x3F).orElseThrow(() -> new WbxmlException(
                    "unknown token 0x" + Integer.toHexString(token & 0x3F) + " in code page " + cp.number()
                            + " (" + cp.namespace() + ")"));
            if ((token & HAS_CONTENT) == 0) {
                return new WbxmlElement(cp.namespace(), name, List.of(), null, null);
            }
            List<WbxmlElement> children = new ArrayList<>();
            StringBuilder text = null;
            byte[] opaque = null;
            while (true) {
                int peek = peek(name);
                if (peek == END) {
                    pos++;
                    break;
                }
                if (peek == STR_I) {
                    pos++;
                    text = (text == null ? new StringBuilder() : text).append(inlineString());
                } else if (peek == OPAQUE) {
                    pos++;
                    if (opaque != null) {
                        throw new WbxmlException(name + " holds two opaque blocks");
                    }
                    opaque = opaqueBytes();
                } else if (peek == SWITCH_PAGE || (peek & 0x3F) >= 0x05 && (peek & HAS_ATTRIBUTES) == 0) {
                    children.add(element(depth + 1));
                } else {
                    throw new WbxmlException("token 0x" + Integer.toHexString(peek) + " is not used by EAS");
                }
                if ((text != null ? 1 : 0) + (opaque != null ? 1 : 0) + (children.isEmpty() ? 0 : 1) > 1) {
                    throw new WbxmlException(name + " mixes text, opaque data and elements");
                }
                if (text != null && text.length() > MAX_STRING) {
                    throw new WbxmlException(name + ": text longer than " + MAX_STRING + " bytes");
                }
            }
            return new WbxmlElement(cp.namespace(), name, children, text == null ? null : text.toString(), opaque);
        }

        private int peek(String inside) {
            if (pos >= data.length) {
                throw new WbxmlException("truncated: " + inside + " is never closed");
            }
            return data[pos] & 0xFF;
        }

        private String inlineString() {
            int start = pos;
            int limit = Math.min(data.length, start + MAX_STRING + 1);
            int end = start;
            while (end < limit && data[end] != 0) {
                end++;
            }
            if (end == limit) {
                throw new WbxmlException(end >= data.length ? "truncated: an inline string has no terminating NUL"
                        : "an inline string is longer than " + MAX_STRING + " bytes");
            }
            pos = end + 1;
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(data, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                throw new WbxmlException("an inline string is not UTF-8");
            }
        }

        private byte[] opaqueBytes() {
            int length = multiByte("an opaque length");
            if (length > MAX_STRING) {
                throw new WbxmlException("an opaque block of " + length + " bytes (at most " + MAX_STRING + ")");
            }
            if (length > data.length - pos) {
                throw new WbxmlException("truncated: an opaque block of " + length + " bytes has "
                        + (data.length - pos) + " left");
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }
    }
}
