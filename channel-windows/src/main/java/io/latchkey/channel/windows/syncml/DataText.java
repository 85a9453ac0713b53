package io.latchkey.channel.windows.syncml;

import io.latchkey.channel.windows.xml.XmlRefused;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The content of a {@code Data} element as a string: text and CDATA exactly as parsed, and any
 * markup inside (a CSP value that is itself XML) written back as XML text rather than dropped.
 */
final class DataText {

    private DataText() {
    }

    static String of(Element data, int maxDepth) {
        StringBuilder out = new StringBuilder();
        children(data, out, maxDepth);
        return out.toString();
    }

    private static void children(Node parent, StringBuilder out, int depthLeft) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> out.append(n.getNodeValue());
                case Node.ELEMENT_NODE -> element((Element) n, out, depthLeft);
                default -> { } // comments and processing instructions carry no value
            }
        }
    }

    private static void element(Element e, StringBuilder out, int depthLeft) {
        if (depthLeft <= 0) {
            throw new XmlRefused("not an OMA-DM 1.2 SyncML message: markup inside Data nests too deep");
        }
        out.append('<').append(e.getNodeName());
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            out.append(' ').append(a.getName()).append("=\"");
            XmlText.escape(a.getValue(), out, true);
            out.append('"');
        }
        if (!e.hasChildNodes()) {
            out.append("/>");
            return;
        }
        out.append('>');
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> XmlText.escape(n.getNodeValue(), out, false);
                case Node.ELEMENT_NODE -> element((Element) n, out, depthLeft - 1);
                default -> { }
            }
        }
        out.append("</").append(e.getNodeName()).append('>');
    }
}
