package io.latchkey.simulator.windows;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's own small, hardened DOM parser and the few helpers it needs to read SOAP,
 * provisioning documents and SyncML: a DOCTYPE is refused outright ({@code disallow-doctype-decl}),
 * so no entity of any kind is expanded, nothing external is fetched, and bodies are bounded in size.
 * Elements are matched by local name, as the messages mix default and prefixed namespaces.
 */
public final class Xml {

    /** Larger than any message of these protocols; a provisioning document is under 10 KB. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final DocumentBuilderFactory FACTORY = factory();
    private static final java.util.concurrent.BlockingQueue<DocumentBuilder> IDLE =
            new java.util.concurrent.ArrayBlockingQueue<>(64);

    private Xml() {
    }

    /** Parses {@code body}; throws {@link IllegalArgumentException} on anything malformed, oversized or with a DOCTYPE. */
    public static Element parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new IllegalArgumentException("XML body of " + body.length + " bytes is larger than " + MAX_BYTES);
        }
        try {
            return parsed(b -> b.parse(new ByteArrayInputStream(body)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    public static Element parse(String body) {
        if (body.length() > MAX_BYTES) {
            throw new IllegalArgumentException("XML text larger than " + MAX_BYTES + " characters");
        }
        try {
            return parsed(b -> b.parse(new InputSource(new StringReader(body))));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Direct children of {@code parent} with local name {@code name}. */
    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || name.equals(localName(e)))) {
                out.add(e);
            }
        }
        return out;
    }

    /** All element children of {@code parent}. */
    public static List<Element> children(Element parent) {
        return children(parent, null);
    }

    public static Optional<Element> child(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /** The first descendant (depth first) with local name {@code name}. */
    public static Optional<Element> find(Element root, String name) {
        for (Element e : children(root)) {
            if (name.equals(localName(e))) {
                return Optional.of(e);
            }
            Optional<Element> deeper = find(e, name);
            if (deeper.isPresent()) {
                return deeper;
            }
        }
        return Optional.empty();
    }

    /** Every descendant with local name {@code name}, in document order. */
    public static List<Element> findAll(Element root, String name) {
        List<Element> out = new ArrayList<>();
        collect(root, name, out);
        return out;
    }

    /** The trimmed text of the first descendant named {@code name}, if any. */
    public static Optional<String> text(Element root, String name) {
        return find(root, name).map(Xml::text);
    }

    /** The trimmed text content of {@code e}. */
    public static String text(Element e) {
        return e.getTextContent().trim();
    }

    /** Follows a path of child names from {@code root}, e.g. {@code path(item, "Target", "LocURI")}. */
    public static Optional<Element> path(Element root, String... names) {
        Element at = root;
        for (String n : names) {
            Optional<Element> next = child(at, n);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
        }
        return Optional.of(at);
    }

    public static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** Escapes text for element content and double-quoted attributes. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static void collect(Element root, String name, List<Element> out) {
        for (Element e : children(root)) {
            if (name.equals(localName(e))) {
                out.add(e);
            }
            collect(e, name, out);
        }
    }

    private interface Parse {
        org.w3c.dom.Document parse(DocumentBuilder builder) throws SAXException, IOException;
    }

    /**
     * Parses with a builder kept from an earlier parse when one is free: making a builder cost as much as
     * the parse itself (JFR of the fleet benchmark, where thousands of simulated devices share the machine
     * with the server). A builder that failed is dropped; reset() restores the factory's configuration.
     */
    private static Element parsed(Parse parse) throws SAXException, IOException {
        DocumentBuilder b = IDLE.poll();
        if (b == null) {
            try {
                b = FACTORY.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException(e);
            }
        }
        b.setErrorHandler(null);
        b.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entities are refused");
        });
        Element root = parse.parse(b).getDocumentElement();
        b.reset();
        IDLE.offer(b);
        return root;
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setCoalescing(true);
        return f;
    }
}
