package io.latchkey.channel.windows.syncml;

import io.latchkey.channel.windows.WindowsFixtures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SyncML bodies of the Windows captures, cut as shared/fixtures/windows/SOURCE.md maps them. */
public final class SyncMlCaptures {
    static final String DUMP = "windows10-enrollment-and-sessions.capture.txt";
    static final String README = "windows10-readme-messages.capture.txt";
    private static final Pattern BLOCK = Pattern.compile("(?m)^===== \\[(\\d+)] (.+?) =====$");

    private SyncMlCaptures() {
    }

    /**
     * The dump's device SyncML bodies in order: the text between an "Input Body" marker and the
     * next "====" line, for the bodies holding SyncML (session 1 at line 357, session 2 at 506).
     */
    static List<byte[]> dumpDeviceMessages() {
        List<byte[]> out = new ArrayList<>();
        String[] lines = WindowsFixtures.text(DUMP).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("----------- Input Body -----------")) {
                StringBuilder body = new StringBuilder();
                for (i++; i < lines.length && !lines[i].startsWith("===="); i++) {
                    body.append(lines[i]).append('\n');
                }
                if (body.indexOf("<SyncML") >= 0) {
                    out.add(body.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    public static byte[] session(int n) {
        return dumpDeviceMessages().get(n - 1);
    }

    /** A README block: its delimiter line's description ("device -> server | POST ...") and body. */
    record Block(int number, String description, byte[] body) {
        boolean fromDevice() {
            return description.startsWith("device -> server");
        }

        boolean syncMl() {
            return new String(body, StandardCharsets.UTF_8).contains("<SyncML");
        }
    }

    /** The README capture's blocks by number; bodies stripped, as an XML declaration must come first. */
    static Map<Integer, Block> readmeBlocks() {
        String text = WindowsFixtures.text(README);
        Map<Integer, Block> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(text);
        List<int[]> starts = new ArrayList<>();
        List<String[]> heads = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[]{m.start(), m.end()});
            heads.add(new String[]{m.group(1), m.group(2)});
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
            String body = text.substring(starts.get(i)[1], end).strip();
            int n = Integer.parseInt(heads.get(i)[0]);
            out.put(n, new Block(n, heads.get(i)[1], body.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}
