package io.latchkey.simulator.windows;

import org.w3c.dom.Element;

import java.util.LinkedHashMap;
import java.util.Map;

/** Server commands as SyncML fragments for {@link FakeWindowsServer#enqueue}, and readers of device replies. */
final class SyncMlCommands {

    static final String LOCK = exec("./Vendor/MSFT/RemoteLock/Lock", null);
    /** Exactly the PIN-reset sequence of shared/reference/windows-mdm.md §3.2. */
    static final String PIN_RESET = "<Sequence><CmdID/>" + exec("./Vendor/MSFT/RemoteLock/LockAndResetPIN", null)
            + get("./Vendor/MSFT/RemoteLock/NewPINValue") + "</Sequence>";
    static final String GET_DEVINFO = get("./DevInfo/Man", "./DevInfo/Mod", "./DevDetail/SwV");

    private SyncMlCommands() {
    }

    static String exec(String locUri, String data) {
        return "<Exec><CmdID/><Item><Target><LocURI>" + locUri + "</LocURI></Target>"
                + (data == null ? "" : "<Meta><Format xmlns=\"syncml:metinf\">chr</Format></Meta><Data>" + data + "</Data>")
                + "</Item></Exec>";
    }

    static String get(String... locUris) {
        StringBuilder b = new StringBuilder("<Get><CmdID/>");
        for (String u : locUris) {
            b.append("<Item><Target><LocURI>").append(u).append("</LocURI></Target></Item>");
        }
        return b.append("</Get>").toString();
    }

    /** Status codes in a device message, by {@code Cmd:CmdRef}, e.g. {@code "Exec:2" -> "200"}. */
    static Map<String, String> statuses(Element message) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element s : Xml.children(Xml.child(message, "SyncBody").orElseThrow(), "Status")) {
            out.put(Xml.text(s, "Cmd").orElse("") + ":" + Xml.text(s, "CmdRef").orElse(""), Xml.text(s, "Data").orElse(""));
        }
        return out;
    }

    /** Results data in a device message, by the LocURI read. */
    static Map<String, String> results(Element message) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element r : Xml.children(Xml.child(message, "SyncBody").orElseThrow(), "Results")) {
            for (Element item : Xml.children(r, "Item")) {
                out.put(Xml.path(item, "Source", "LocURI").map(Xml::text).orElse(""),
                        Xml.child(item, "Data").map(Xml::text).orElse(""));
            }
        }
        return out;
    }
}
