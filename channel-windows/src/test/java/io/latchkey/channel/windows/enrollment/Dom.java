package io.latchkey.channel.windows.enrollment;

import io.latchkey.channel.windows.xml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A small DOM walk for reading back what the writers produced (through SafeXml: well-formed or it throws). */
final class Dom {
    private Dom() {
    }

    static Document parse(byte[] xml) {
        return SafeXml.parse(xml);
    }

    static List<Element> all(Document doc, String ns, String localName) {
        NodeList nodes = doc.getElementsByTagNameNS(ns, localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    static Element one(Document doc, String ns, String localName) {
        List<Element> found = all(doc, ns, localName);
        assertThat(found).as(localName).hasSize(1);
        return found.get(0);
    }

    static String text(Document doc, String ns, String localName) {
        return one(doc, ns, localName).getTextContent().strip();
    }

    /** The child characteristic of a wap-provisioningdoc element with this type. */
    static Element characteristic(Element parent, String type) {
        List<Element> found = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("characteristic") && e.getAttribute("type").equals(type)) {
                found.add(e);
            }
        }
        assertThat(found).as("characteristic " + type).hasSize(1);
        return found.get(0);
    }

    /** The value of a parm child. */
    static String parm(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("parm") && e.getAttribute("name").equals(name)) {
                return e.getAttribute("value");
            }
        }
        throw new AssertionError("no parm " + name + " in " + parent.getAttribute("type"));
    }
}
