package io.latchkey.channel.windows.syncml;

/**
 * One SyncML {@code <Item>}: a node address ({@code Target} or {@code Source} LocURI), optional
 * {@code Meta} Type and Format (namespace {@code syncml:metinf}) and the {@code Data} text, kept
 * exactly as sent (a DevInfo value, a PIN). Every component may be null (reference §2.2, §3.2).
 */
public record Item(String targetLocUri, String sourceLocUri, String metaType, String metaFormat, String data) {

    /** An item addressing a device node, as the server sends it in Get/Exec/Delete. */
    public static Item target(String locUri) {
        return new Item(locUri, null, null, null, null);
    }

    /** An item addressing a device node with a value, as the server sends it in Replace/Add/Exec. */
    public static Item target(String locUri, String metaFormat, String metaType, String data) {
        return new Item(locUri, null, metaType, metaFormat, data);
    }

    /** An item naming the node a value came from, as the device sends it in Replace/Results. */
    public static Item source(String locUri, String data) {
        return new Item(null, locUri, null, null, data);
    }

    /** Data may be a PIN (NewPINValue) or a channel URI: only its length is printed. */
    @Override
    public String toString() {
        return "Item[target=" + targetLocUri + ", source=" + sourceLocUri + ", type=" + metaType + ", format="
                + metaFormat + ", data=" + (data == null ? "none" : data.length() + " chars") + "]";
    }
}
