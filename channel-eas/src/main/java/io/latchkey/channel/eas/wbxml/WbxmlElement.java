package io.latchkey.channel.eas.wbxml;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of a decoded EAS body: a tag of a code page with either child elements, a text
 * value (STR_I), opaque bytes (OPAQUE), or nothing. EAS bodies never mix text and elements and
 * never use attributes (MS-ASWBXML §2.1.1), so this small tree is the whole model.
 *
 * @param namespace the code page's namespace, e.g. {@code Provision}
 * @param name      the tag name, e.g. {@code RemoteWipe}
 * @param children  child elements (empty for a leaf)
 * @param text      the text of a leaf, null when it has none
 * @param opaque    the opaque bytes of a leaf, null when it has none
 */
public record WbxmlElement(String namespace, String name, List<WbxmlElement> children, String text, byte[] opaque) {

    public WbxmlElement {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        children = children == null ? List.of() : List.copyOf(children);
        int kinds = (children.isEmpty() ? 0 : 1) + (text == null ? 0 : 1) + (opaque == null ? 0 : 1);
        if (kinds > 1) {
            throw new IllegalArgumentException(name + ": an EAS element holds children, text or opaque data, not several");
        }
        if (text != null && text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + ": WBXML inline strings end at NUL, so text cannot hold one");
        }
        opaque = opaque == null ? null : opaque.clone();
    }

    public static WbxmlElement of(String namespace, String name, WbxmlElement... children) {
        return new WbxmlElement(namespace, name, List.of(children), null, null);
    }

    public static WbxmlElement text(String namespace, String name, String text) {
        return new WbxmlElement(namespace, name, List.of(), text, null);
    }

    public static WbxmlElement opaque(String namespace, String name, byte[] data) {
        return new WbxmlElement(namespace, name, List.of(), null, data);
    }

    @Override
    public byte[] opaque() {
        return opaque == null ? null : opaque.clone();
    }

    /** The first child with this name (any namespace), if any. */
    public Optional<WbxmlElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** The element at this path of child names below this one, if any. */
    public Optional<WbxmlElement> at(String... path) {
        Optional<WbxmlElement> current = Optional.of(this);
        for (String step : path) {
            current = current.flatMap(e -> e.child(step));
        }
        return current;
    }

    /** The text at this path, if any. */
    public Optional<String> textAt(String... path) {
        return at(path).map(WbxmlElement::text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WbxmlElement e && namespace.equals(e.namespace) && name.equals(e.name)
                && children.equals(e.children) && Objects.equals(text, e.text) && Arrays.equals(opaque, e.opaque);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, name, children, text, Arrays.hashCode(opaque));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("<").append(namespace).append(':').append(name).append('>');
        if (text != null) {
            out.append(text.length() > 40 ? text.substring(0, 40) + "…" : text);
        } else if (opaque != null) {
            out.append('[').append(opaque.length).append(" bytes]");
        } else {
            children.forEach(out::append);
        }
        return out.append("</").append(name).append('>').toString();
    }
}
