package io.latchkey.channel.apple.plist;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSString;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A fast path for the commonest body a device sends: an XML plist whose root is one flat
 * dictionary of strings and booleans, in plain ASCII (an Idle report: Status and UDID). Building
 * and running an XML DOM parser cost about a third of an Idle check-in; this reads such a body in
 * one pass over the bytes.
 *
 * <p>It reads only what it is sure of and declines everything else ({@link #read} returns null),
 * so the general parser decides every other body exactly as before: any byte outside printable
 * ASCII (other than tab, CR, LF), an entity or character reference ({@code &}), a comment,
 * CDATA, a processing instruction other than the leading declaration, a declared encoding other
 * than UTF-8 or ASCII, a DOCTYPE with an internal subset, nested or other-typed values, attributes
 * on anything but {@code <plist>}, a repeated key, or anything after {@code </plist>}. What it
 * accepts it reads as the general parser does (checked by a property test against it).
 */
final class FlatXmlPlist {
    private final byte[] b;
    private int i;

    private FlatXmlPlist(byte[] body) {
        this.b = body;
    }

    /** The root dictionary, or null when the body is not of the simple shape this reads. */
    static NSDictionary read(byte[] body) {
        for (byte c : body) {
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c >= 0x7f || c == '&') {
                return null;
            }
        }
        try {
            return new FlatXmlPlist(body).document();
        } catch (Decline e) {
            return null;
        }
    }

    /** Thrown to give up; never leaves this class. */
    private static final class Decline extends RuntimeException {
        private static final Decline INSTANCE = new Decline();

        private Decline() {
            super(null, null, false, false);
        }
    }

    /** The XML declaration, whole: version 1.x, optionally encoding UTF-8 or US-ASCII, and standalone. */
    private static final Pattern DECLARATION = Pattern.compile("<\\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*"
            + "([\"'])1\\.[0-9]\\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*([\"'])(?i:utf-8|us-ascii)\\3)?"
            + "([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*([\"'])(yes|no)\\5)?[ \t\r\n]*\\?>");
    /** Apple's DOCTYPE (or none of its ids), never an internal subset. */
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE[ \t\r\n]+plist([ \t\r\n]+PUBLIC[ \t\r\n]+"
            + "\"[-'()+,./:=?;!*#@$_%a-zA-Z0-9 \r\n]*\"[ \t\r\n]+\"[^\"<>\\[]*\"|[ \t\r\n]+SYSTEM[ \t\r\n]+\"[^\"<>\\[]*\")?"
            + "[ \t\r\n]*>");
    /** The root element's start tag, with at most its version attribute. */
    private static final Pattern PLIST = Pattern.compile("<plist([ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*"
            + "(\"[^\"<&]*\"|'[^'<&]*'))?[ \t\r\n]*>");

    private NSDictionary document() {
        // The declaration, when present, must come first: not even white space may precede it.
        if (startsWith("<?xml", 0)) {
            i = prolog(DECLARATION, indexOf("?>", 0) + 2);
        }
        space();
        if (startsWith("<!DOCTYPE", i)) {
            i = prolog(DOCTYPE, indexOf(">", i) + 1);
            space();
        }
        if (!startsWith("<plist", i)) {
            throw Decline.INSTANCE;
        }
        i = prolog(PLIST, indexOf(">", i) + 1);
        space();
        expect("<dict>");
        NSDictionary dict = new NSDictionary();
        space();
        while (at("<key>")) {
            String key = text("</key>");
            if (dict.containsKey(key)) {
                throw Decline.INSTANCE;
            }
            space();
            if (at("<string>")) {
                dict.put(key, new NSString(text("</string>")));
            } else if (at("<string/>")) {
                dict.put(key, new NSString(""));
            } else if (at("<true/>")) {
                dict.put(key, new NSNumber(true));
            } else if (at("<false/>")) {
                dict.put(key, new NSNumber(false));
            } else {
                throw Decline.INSTANCE;
            }
            space();
        }
        expect("</dict>");
        space();
        expect("</plist>");
        space();
        if (i != b.length) {
            throw Decline.INSTANCE;
        }
        return dict;
    }

    /** The markup from here to {@code end} must match {@code shape} whole; returns {@code end}. */
    private int prolog(Pattern shape, int end) {
        if (!shape.matcher(new String(b, i, end - i, StandardCharsets.US_ASCII)).matches()) {
            throw Decline.INSTANCE;
        }
        return end;
    }

    /** The characters up to {@code close}, which is consumed; no markup may come before it. */
    private String text(String close) {
        int end = indexOf("<", i);
        if (!startsWith(close, end)) {
            throw Decline.INSTANCE;
        }
        String s = new String(b, i, end - i, StandardCharsets.US_ASCII);
        if (s.indexOf('\r') >= 0 || s.contains("]]>")) {
            // XML turns CR LF into LF in text, and "]]>" is not allowed there: the general parser decides.
            throw Decline.INSTANCE;
        }
        i = end + close.length();
        return s;
    }

    private void space() {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
    }

    private boolean at(String token) {
        if (startsWith(token, i)) {
            i += token.length();
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!at(token)) {
            throw Decline.INSTANCE;
        }
    }

    private boolean startsWith(String token, int from) {
        if (from + token.length() > b.length) {
            return false;
        }
        for (int k = 0; k < token.length(); k++) {
            if (b[from + k] != token.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String token, int from) {
        for (int k = from; k + token.length() <= b.length; k++) {
            if (startsWith(token, k)) {
                return k;
            }
        }
        throw Decline.INSTANCE;
    }
}
