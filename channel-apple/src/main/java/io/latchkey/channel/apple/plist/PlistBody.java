package io.latchkey.channel.apple.plist;

import com.dd.plist.BinaryPropertyListParser;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.XMLPropertyListParser;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a device's request body as a property list. Devices send XML plists; binary plists are
 * accepted as well because both are "a plist body" to the protocol (Apple, "Check-in",
 * https://developer.apple.com/documentation/devicemanagement/check-in). The old ASCII/GNUstep
 * formats that the parser library also knows are refused: no Apple client sends them.
 *
 * <p>Every failure, whatever the parser throws, becomes a {@link MessageRefused}: the HTTP layer
 * must answer 4xx to device input, never 5xx.
 */
public final class PlistBody {

    /**
     * Generous default: DeviceInformation and InstalledApplicationList replies of a Mac run to a
     * few hundred kilobytes; the HTTP layer may cap bodies earlier.
     */
    public static final int DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

    private static final byte[] BINARY_MAGIC = "bplist".getBytes(StandardCharsets.US_ASCII);

    private PlistBody() {
    }

    public static PlistDict parseDictionary(byte[] body) {
        return parseDictionary(body, DEFAULT_MAX_BYTES);
    }

    public static PlistDict parseDictionary(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new MessageRefused(MessageRefused.Reason.EMPTY, "the body is empty");
        }
        if (body.length > maxBytes) {
            throw new MessageRefused(MessageRefused.Reason.TOO_LARGE,
                    "the body has " + body.length + " bytes, more than " + maxBytes);
        }
        NSObject root = parse(body);
        if (!(root instanceof NSDictionary dict)) {
            throw new MessageRefused(MessageRefused.Reason.NOT_A_DICTIONARY, "the plist's root is not a dictionary");
        }
        return new PlistDict(dict, "");
    }

    private static NSObject parse(byte[] body) {
        boolean binary = startsWith(body, BINARY_MAGIC);
        if (!binary && !looksLikeXml(body)) {
            throw new MessageRefused(MessageRefused.Reason.NOT_A_PLIST, "the body is neither an XML nor a binary plist");
        }
        if (!binary) {
            NSDictionary flat = FlatXmlPlist.read(body);
            if (flat != null) {
                return flat;
            }
        }
        try {
            NSObject root = binary ? BinaryPropertyListParser.parse(BinaryPlistBounds.checked(body))
                    : XMLPropertyListParser.parse(xmlDocument(body));
            if (root == null) {
                throw new MessageRefused(MessageRefused.Reason.NOT_A_PLIST, "the plist is empty");
            }
            return root;
        } catch (MessageRefused refused) {
            throw refused;
        } catch (Exception | StackOverflowError e) {
            // The parsers signal malformed input with checked exceptions, but also with index and
            // number-format exceptions from deep inside, and very deep nesting overflows their
            // recursion. All of it is the device's fault, so all of it is a refusal; the cause is
            // kept out of the message because it may quote the body.
            throw new MessageRefused(MessageRefused.Reason.NOT_A_PLIST,
                    "the body is not a well-formed plist (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Builders the library made (hardened: no external entities or DTDs), kept for reuse: making
     * one (a new parser configuration and its security settings) cost as much as parsing a small
     * check-in. Virtual threads make a ThreadLocal useless here, hence a small shared pool; a
     * builder whose parse failed is dropped rather than reused.
     */
    private static final BlockingQueue<DocumentBuilder> BUILDERS = new ArrayBlockingQueue<>(64);

    /** With an error handler that throws instead of printing "[Fatal Error]" to stderr for every malformed body. */
    private static Document xmlDocument(byte[] body) throws Exception {
        DocumentBuilder builder = BUILDERS.poll();
        if (builder == null) {
            builder = XMLPropertyListParser.getDocBuilder();
            builder.setErrorHandler(THROWING);
        }
        Document document = builder.parse(new ByteArrayInputStream(body));
        BUILDERS.offer(builder);
        return document;
    }

    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** An XML document starts with '<' after an optional UTF-8 byte order mark and whitespace. */
    private static boolean looksLikeXml(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i < body.length && body[i] == '<';
    }
}
