package io.latchkey.channel.windows.xml;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Parses device XML (SOAP enrollment messages, SyncML) with every door closed: no DOCTYPE at all
 * (so no external entities, no entity expansion, no DTD fetches), no XInclude, a size bound, and
 * namespace awareness (SOAP and SyncML both depend on namespaces). OWASP XXE prevention, Java
 * section; issue 4 asks for hardened parsing of both protocols.
 */
public final class SafeXml {
    /** Enrollment and SyncML messages are a few KB; a large Results reply stays far below this. */
    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

    private static final DocumentBuilderFactory FACTORY = factory();
    /**
     * Builders kept for reuse: making one (Xerces' parser configuration) cost about as much as parsing a
     * SyncML package (JFR of the 100,000-device lock). A builder is used by one parse at a time.
     */
    private static final BlockingQueue<DocumentBuilder> IDLE = new ArrayBlockingQueue<>(64);
    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private SafeXml() {
    }

    public static Document parse(byte[] body) {
        return parse(body, DEFAULT_MAX_BYTES);
    }

    /** @throws XmlRefused when empty, larger than {@code maxBytes}, not well-formed or carrying a DOCTYPE */
    public static Document parse(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw new XmlRefused("the body is empty");
        }
        if (body.length > maxBytes) {
            throw new XmlRefused("the body has " + body.length + " bytes, more than " + maxBytes);
        }
        DocumentBuilder builder = IDLE.poll();
        try {
            if (builder == null) {
                builder = FACTORY.newDocumentBuilder();
            }
            builder.setErrorHandler(STRICT);
            Document parsed = builder.parse(new ByteArrayInputStream(body));
            // Only a builder that parsed cleanly goes back; reset() returns it to the factory's (hardened)
            // configuration, as newDocumentBuilder() made it (javax.xml.parsers.DocumentBuilder#reset).
            builder.reset();
            IDLE.offer(builder);
            return parsed;
        } catch (Exception | StackOverflowError e) {
            // The parser's message can quote the input: keep it out of the refusal.
            throw new XmlRefused("the body is not well-formed XML without a DOCTYPE ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be hardened", e);
        }
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }
}
