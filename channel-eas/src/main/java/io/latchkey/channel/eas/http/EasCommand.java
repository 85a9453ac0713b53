package io.latchkey.channel.eas.http;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ActiveSync commands, with the numeric codes of the base64-encoded query (MS-ASHTTP
 * §2.2.1.1.1.1.2) and, where the command's response carries a top-level {@code Status} (MS-ASCMD
 * §2.2.3.177.x), the namespace of that response element: what the gateway answers in when it must
 * refuse a command or ask for provisioning with a status code instead of an HTTP one.
 */
public enum EasCommand {
    SYNC(0, "Sync", "AirSync"),
    SEND_MAIL(1, "SendMail", "ComposeMail"),
    SMART_FORWARD(2, "SmartForward", "ComposeMail"),
    SMART_REPLY(3, "SmartReply", "ComposeMail"),
    GET_ATTACHMENT(4, "GetAttachment", null),
    FOLDER_SYNC(9, "FolderSync", "FolderHierarchy"),
    FOLDER_CREATE(10, "FolderCreate", "FolderHierarchy"),
    FOLDER_DELETE(11, "FolderDelete", "FolderHierarchy"),
    FOLDER_UPDATE(12, "FolderUpdate", "FolderHierarchy"),
    MOVE_ITEMS(13, "MoveItems", null),
    GET_ITEM_ESTIMATE(14, "GetItemEstimate", null),
    MEETING_RESPONSE(15, "MeetingResponse", null),
    SEARCH(16, "Search", null),
    SETTINGS(17, "Settings", "Settings"),
    PING(18, "Ping", "Ping"),
    ITEM_OPERATIONS(19, "ItemOperations", "ItemOperations"),
    PROVISION(20, "Provision", "Provision"),
    RESOLVE_RECIPIENTS(21, "ResolveRecipients", null),
    VALIDATE_CERT(22, "ValidateCert", null),
    FIND(23, "Find", null);

    private final int code;
    private final String wireName;
    private final String statusNamespace;

    EasCommand(int code, String wireName, String statusNamespace) {
        this.code = code;
        this.wireName = wireName;
        this.statusNamespace = statusNamespace;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    /** The namespace of the response element that carries a top-level Status, if the command has one. */
    public Optional<String> statusNamespace() {
        return Optional.ofNullable(statusNamespace);
    }

    public static Optional<EasCommand> byName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equalsIgnoreCase(name)).findFirst();
    }

    public static Optional<EasCommand> byCode(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }
}
