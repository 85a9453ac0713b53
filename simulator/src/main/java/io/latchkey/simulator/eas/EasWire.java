package io.latchkey.simulator.eas;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stand-ins' own WBXML (MS-ASWBXML §2.1.1, version 1.3, UTF-8, no string table), with only
 * the tags they speak (tokens from MS-ASWBXML §2.1.2.1). OPAQUE is read as text (ISO-8859-1).
 */
public final class EasWire {
    private static final Map<Integer, String> PAGES = Map.of(0, "AirSync", 2, "Email", 7, "FolderHierarchy",
            13, "Ping", 14, "Provision", 17, "AirSyncBase", 18, "Settings", 21, "ComposeMail");
    private static final Map<String, String[]> TAGS = Map.of(
            "AirSync", names(0x05, "Sync", "Responses", "Add", "Change", "Delete", "Fetch", "SyncKey", "ClientId",
                    "ServerId", "Status", "Collection", "Class", null, "CollectionId", "GetChanges", "MoreAvailable",
                    "WindowSize", "Commands", "Options", "FilterType", null, null, "Conflict", "Collections",
                    "ApplicationData"),
            "Email", names(0x0F, "DateReceived", null, "DisplayTo", "Importance", "MessageClass", "Subject", "Read",
                    "To", "Cc", "From"),
            "FolderHierarchy", names(0x07, "DisplayName", "ServerId", "ParentId", "Type", null, "Status", null,
                    "Changes", "Add", "Delete", "Update", "SyncKey", "FolderCreate", "FolderDelete", "FolderUpdate",
                    "FolderSync", "Count"),
            "Ping", names(0x05, "Ping", "AutdState", "Status", "HeartbeatInterval", "Folders", "Folder", "Id", "Class",
                    "MaxFolders"),
            "Provision", provisionNames(),
            "AirSyncBase", names(0x05, "BodyPreference", "Type", "TruncationSize", "AllOrNone", null, "Body", "Data",
                    "EstimatedDataSize", "Truncated"),
            "Settings", names(0x05, "Settings", "Status", "Get", "Set", "Oof", "OofState", "StartTime", "EndTime",
                    "OofMessage", "AppliesToInternal", "AppliesToExternalKnown", "AppliesToExternalUnknown", "Enabled",
                    "ReplyMessage", "BodyType", "DevicePassword", "Password", "DeviceInformation", "Model", "IMEI",
                    "FriendlyName", "OS", "OSLanguage", "PhoneNumber", "UserInformation", "EmailAddresses",
                    "SMTPAddress", "UserAgent", "EnableOutboundSMS", "MobileOperator"),
            "ComposeMail", names(0x05, "SendMail", "SmartForward", "SmartReply", "SaveInSentItems", "ReplaceMime",
                    null, "Source", "FolderId", "ItemId", "LongId", "InstanceId", "Mime", "ClientId", "Status"));

    private EasWire() {
    }

    private static String[] names(int first, String... names) {
        String[] table = new String[0x40];
        for (int i = 0; i < names.length; i++) {
            table[first + i] = names[i];
        }
        return table;
    }

    private static String[] provisionNames() {
        String[] t = names(0x05, "Provision", "Policies", "Policy", "PolicyType", "PolicyKey", "Data", "Status",
                "RemoteWipe", "EASProvisionDoc", "DevicePasswordEnabled", "AlphanumericDevicePasswordRequired",
                "RequireStorageCardEncryption", "PasswordRecoveryEnabled", null, "AttachmentsEnabled",
                "MinDevicePasswordLength", "MaxInactivityTimeDeviceLock", "MaxDevicePasswordFailedAttempts");
        t[0x3B] = "AccountOnlyRemoteWipe";
        return t;
    }

    private static int page(String ns) {
        return PAGES.entrySet().stream().filter(e -> e.getValue().equals(ns)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no page " + ns)).getKey();
    }

    private static int token(String ns, String name) {
        String[] t = TAGS.get(ns);
        for (int i = 0; i < t.length; i++) {
            if (name.equals(t[i])) {
                return i;
            }
        }
        throw new IllegalArgumentException("no tag " + ns + ":" + name);
    }

    public static byte[] write(Node root) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0x03, 0x01, 0x6A, 0x00});
        int[] current = {0};
        write(root, out, current);
        return out.toByteArray();
    }

    private static void write(Node n, ByteArrayOutputStream out, int[] current) {
        int page = page(n.ns());
        if (page != current[0]) {
            out.write(0x00);
            out.write(page);
            current[0] = page;
        }
        boolean content = n.text() != null || !n.kids().isEmpty();
        out.write(token(n.ns(), n.name()) | (content ? 0x40 : 0));
        if (!content) {
            return;
        }
        if (n.text() != null) {
            out.write(0x03);
            out.writeBytes(n.text().getBytes(StandardCharsets.UTF_8));
            out.write(0);
        } else {
            n.kids().forEach(k -> write(k, out, current));
        }
        out.write(0x01);
    }

    public static Node read(byte[] b) {
        if (b.length < 4 || b[0] != 0x03) {
            throw new IllegalArgumentException("not EAS WBXML");
        }
        int[] pos = {4};
        int[] page = {0};
        return read(b, pos, page);
    }

    private static Node read(byte[] b, int[] pos, int[] page) {
        int t = b[pos[0]++] & 0xFF;
        while (t == 0x00) {
            page[0] = b[pos[0]++] & 0xFF;
            t = b[pos[0]++] & 0xFF;
        }
        String ns = PAGES.get(page[0]);
        String name = ns == null ? null : TAGS.get(ns)[t & 0x3F];
        if (name == null) {
            throw new IllegalArgumentException("unknown tag 0x" + Integer.toHexString(t) + " on page " + page[0]);
        }
        if ((t & 0x40) == 0) {
            return new Node(ns, name, List.of(), null);
        }
        List<Node> kids = new ArrayList<>();
        String text = null;
        while (true) {
            int next = b[pos[0]] & 0xFF;
            if (next == 0x01) {
                pos[0]++;
                break;
            } else if (next == 0x03) {
                int start = ++pos[0];
                while (b[pos[0]] != 0) {
                    pos[0]++;
                }
                text = new String(b, start, pos[0]++ - start, StandardCharsets.UTF_8);
            } else if (next == 0xC3) {
                pos[0]++;
                int length = 0;
                int x;
                do {
                    x = b[pos[0]++] & 0xFF;
                    length = (length << 7) | (x & 0x7F);
                } while ((x & 0x80) != 0);
                text = new String(b, pos[0], length, StandardCharsets.ISO_8859_1);
                pos[0] += length;
            } else {
                kids.add(read(b, pos, page));
            }
        }
        return new Node(ns, name, kids, text);
    }
}
