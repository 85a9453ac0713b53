package io.latchkey.channel.windows.enrollment;

import io.latchkey.channel.windows.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.latchkey.channel.windows.enrollment.EnrollmentNames.ADDRESSING;
import static io.latchkey.channel.windows.enrollment.EnrollmentNames.SOAP;

/**
 * A device's SOAP 1.2 request, read through {@link SafeXml}: the WS-Addressing Action (checked
 * against the operation's, MS-MDE2 §3.1.4) and MessageID (echoed as RelatesTo), the header and the
 * one payload element of the body. Every failure is an {@link EnrollmentRefused} (or SafeXml's
 * XmlRefused), never a DOM exception.
 */
record SoapEnvelope(Element header, Element payload, String action, String messageId) {
    /** A MessageID is a urn:uuid; anything much longer is not one and would only be echoed back. */
    static final int MAX_VALUE_CHARS = 1024;

    static SoapEnvelope read(byte[] body, String expectedAction, String payloadNs, String payloadName) {
        Document doc = SafeXml.parse(body);
        Element root = doc.getDocumentElement();
        if (!is(root, SOAP, "Envelope")) {
            throw EnrollmentRefused.format("the body is not a SOAP 1.2 Envelope");
        }
        Element header = required(root, SOAP, "Header");
        Element soapBody = required(root, SOAP, "Body");
        String action = requiredText(header, ADDRESSING, "Action");
        if (!action.equals(expectedAction)) {
            throw EnrollmentRefused.format("the SOAP action is not " + expectedAction);
        }
        String messageId = requiredText(header, ADDRESSING, "MessageID");
        List<Element> content = children(soapBody);
        if (content.size() != 1 || !is(content.get(0), payloadNs, payloadName)) {
            throw EnrollmentRefused.format("the SOAP body does not hold exactly one " + payloadName);
        }
        return new SoapEnvelope(header, content.get(0), action, messageId);
    }

    static boolean is(Node node, String ns, String localName) {
        return node instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static List<Element> children(Element parent, String ns, String localName) {
        return children(parent).stream().filter(e -> is(e, ns, localName)).toList();
    }

    static Optional<Element> child(Element parent, String ns, String localName) {
        List<Element> found = children(parent, ns, localName);
        if (found.size() > 1) {
            throw EnrollmentRefused.format("more than one " + localName);
        }
        return found.stream().findFirst();
    }

    static Element required(Element parent, String ns, String localName) {
        return child(parent, ns, localName)
                .orElseThrow(() -> EnrollmentRefused.format("no " + localName + " in " + parent.getLocalName()));
    }

    /** The element's text, trimmed (devices and the MS samples pretty-print values across lines). */
    static String text(Element element) {
        return text(element, MAX_VALUE_CHARS);
    }

    static String text(Element element, int maxChars) {
        if (!children(element).isEmpty()) {
            throw EnrollmentRefused.format(element.getLocalName() + " holds elements, not text");
        }
        String text = element.getTextContent().strip();
        if (text.length() > maxChars) {
            throw EnrollmentRefused.format(element.getLocalName() + " is longer than " + maxChars + " characters");
        }
        return text;
    }

    static String requiredText(Element parent, String ns, String localName) {
        String text = text(required(parent, ns, localName));
        if (text.isEmpty()) {
            throw EnrollmentRefused.format(localName + " is empty");
        }
        return text;
    }

    static Optional<String> optionalText(Element parent, String ns, String localName) {
        return child(parent, ns, localName).map(SoapEnvelope::text).filter(t -> !t.isEmpty());
    }
}
