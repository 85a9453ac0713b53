package io.latchkey.channel.eas.wbxml;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The code pages the gateway, its tests and the stand-ins use, with the tokens of MS-ASWBXML
 * §2.1.2.1.x (protocol constants, cited page by page). Pages the gateway never needs to read
 * (Calendar, Contacts, Tasks, Notes, ...) are left out on purpose: mail traffic is forwarded byte
 * for byte, never decoded, so an unknown page only matters in the bodies the gateway does decode
 * (Provision, Settings, and the status answers it writes), where it is refused as malformed.
 */
public final class CodePages {
    /** §2.1.2.1.1 Code Page 0: AirSync. */
    public static final CodePage AIR_SYNC = new CodePage(0, "AirSync",
            0x05, "Sync", 0x06, "Responses", 0x07, "Add", 0x08, "Change", 0x09, "Delete", 0x0A, "Fetch",
            0x0B, "SyncKey", 0x0C, "ClientId", 0x0D, "ServerId", 0x0E, "Status", 0x0F, "Collection",
            0x10, "Class", 0x12, "CollectionId", 0x13, "GetChanges", 0x14, "MoreAvailable", 0x15, "WindowSize",
            0x16, "Commands", 0x17, "Options", 0x18, "FilterType", 0x1B, "Conflict", 0x1C, "Collections",
            0x1D, "ApplicationData", 0x1E, "DeletesAsMoves", 0x20, "Supported", 0x21, "SoftDelete",
            0x22, "MIMESupport", 0x23, "MIMETruncation", 0x24, "Wait", 0x25, "Limit", 0x26, "Partial",
            0x27, "ConversationMode", 0x28, "MaxItems", 0x29, "HeartbeatInterval");
    /** §2.1.2.1.3 Code Page 2: Email (the message fields the stand-in upstream sends). */
    public static final CodePage EMAIL = new CodePage(2, "Email",
            0x0F, "DateReceived", 0x11, "DisplayTo", 0x12, "Importance", 0x13, "MessageClass", 0x14, "Subject",
            0x15, "Read", 0x16, "To", 0x17, "Cc", 0x18, "From", 0x19, "ReplyTo");
    /** §2.1.2.1.6 Code Page 5: Move. */
    public static final CodePage MOVE = new CodePage(5, "Move",
            0x05, "MoveItems", 0x06, "Move", 0x07, "SrcMsgId", 0x08, "SrcFldId", 0x09, "DstFldId",
            0x0A, "Response", 0x0B, "Status", 0x0C, "DstMsgId");
    /** §2.1.2.1.7 Code Page 6: GetItemEstimate. */
    public static final CodePage GET_ITEM_ESTIMATE = new CodePage(6, "GetItemEstimate",
            0x05, "GetItemEstimate", 0x06, "Version", 0x07, "Collections", 0x08, "Collection", 0x09, "Class",
            0x0A, "CollectionId", 0x0B, "DateTime", 0x0C, "Estimate", 0x0D, "Response", 0x0E, "Status");
    /** §2.1.2.1.8 Code Page 7: FolderHierarchy. */
    public static final CodePage FOLDER_HIERARCHY = new CodePage(7, "FolderHierarchy",
            0x07, "DisplayName", 0x08, "ServerId", 0x09, "ParentId", 0x0A, "Type", 0x0C, "Status",
            0x0E, "Changes", 0x0F, "Add", 0x10, "Delete", 0x11, "Update", 0x12, "SyncKey", 0x13, "FolderCreate",
            0x14, "FolderDelete", 0x15, "FolderUpdate", 0x16, "FolderSync", 0x17, "Count");
    /** §2.1.2.1.14 Code Page 13: Ping. */
    public static final CodePage PING = new CodePage(13, "Ping",
            0x05, "Ping", 0x06, "AutdState", 0x07, "Status", 0x08, "HeartbeatInterval", 0x09, "Folders",
            0x0A, "Folder", 0x0B, "Id", 0x0C, "Class", 0x0D, "MaxFolders");
    /** §2.1.2.1.15 Code Page 14: Provision (AccountOnlyRemoteWipe, 0x3B, is protocol 16.1 only). */
    public static final CodePage PROVISION = new CodePage(14, "Provision",
            0x05, "Provision", 0x06, "Policies", 0x07, "Policy", 0x08, "PolicyType", 0x09, "PolicyKey",
            0x0A, "Data", 0x0B, "Status", 0x0C, "RemoteWipe", 0x0D, "EASProvisionDoc",
            0x0E, "DevicePasswordEnabled", 0x0F, "AlphanumericDevicePasswordRequired",
            0x10, "RequireStorageCardEncryption", 0x11, "PasswordRecoveryEnabled", 0x13, "AttachmentsEnabled",
            0x14, "MinDevicePasswordLength", 0x15, "MaxInactivityTimeDeviceLock",
            0x16, "MaxDevicePasswordFailedAttempts", 0x17, "MaxAttachmentSize", 0x18, "AllowSimpleDevicePassword",
            0x19, "DevicePasswordExpiration", 0x1A, "DevicePasswordHistory", 0x1B, "AllowStorageCard",
            0x1C, "AllowCamera", 0x1D, "RequireDeviceEncryption", 0x1E, "AllowUnsignedApplications",
            0x1F, "AllowUnsignedInstallationPackages", 0x20, "MinDevicePasswordComplexCharacters",
            0x21, "AllowWiFi", 0x22, "AllowTextMessaging", 0x23, "AllowPOPIMAPEmail", 0x24, "AllowBluetooth",
            0x25, "AllowIrDA", 0x26, "RequireManualSyncWhenRoaming", 0x27, "AllowDesktopSync",
            0x28, "MaxCalendarAgeFilter", 0x29, "AllowHTMLEmail", 0x2A, "MaxEmailAgeFilter",
            0x2B, "MaxEmailBodyTruncationSize", 0x2C, "MaxEmailHTMLBodyTruncationSize",
            0x2D, "RequireSignedSMIMEMessages", 0x2E, "RequireEncryptedSMIMEMessages",
            0x2F, "RequireSignedSMIMEAlgorithm", 0x30, "RequireEncryptionSMIMEAlgorithm",
            0x31, "AllowSMIMEEncryptionAlgorithmNegotiation", 0x32, "AllowSMIMESoftCerts", 0x33, "AllowBrowser",
            0x34, "AllowConsumerEmail", 0x35, "AllowRemoteDesktop", 0x36, "AllowInternetSharing",
            0x37, "UnapprovedInROMApplicationList", 0x38, "ApplicationName", 0x39, "ApprovedApplicationList",
            0x3A, "Hash", 0x3B, "AccountOnlyRemoteWipe");
    /** §2.1.2.1.18 Code Page 17: AirSyncBase. */
    public static final CodePage AIR_SYNC_BASE = new CodePage(17, "AirSyncBase",
            0x05, "BodyPreference", 0x06, "Type", 0x07, "TruncationSize", 0x08, "AllOrNone", 0x0A, "Body",
            0x0B, "Data", 0x0C, "EstimatedDataSize", 0x0D, "Truncated", 0x0E, "Attachments", 0x0F, "Attachment",
            0x10, "DisplayName", 0x11, "FileReference", 0x12, "Method", 0x13, "ContentId", 0x14, "ContentLocation",
            0x15, "IsInline", 0x16, "NativeBodyType", 0x17, "ContentType", 0x18, "Preview");
    /** §2.1.2.1.19 Code Page 18: Settings (DeviceInformation is what discovery reads). */
    public static final CodePage SETTINGS = new CodePage(18, "Settings",
            0x05, "Settings", 0x06, "Status", 0x07, "Get", 0x08, "Set", 0x09, "Oof", 0x0A, "OofState",
            0x0B, "StartTime", 0x0C, "EndTime", 0x0D, "OofMessage", 0x0E, "AppliesToInternal",
            0x0F, "AppliesToExternalKnown", 0x10, "AppliesToExternalUnknown", 0x11, "Enabled",
            0x12, "ReplyMessage", 0x13, "BodyType", 0x14, "DevicePassword", 0x15, "Password",
            0x16, "DeviceInformation", 0x17, "Model", 0x18, "IMEI", 0x19, "FriendlyName", 0x1A, "OS",
            0x1B, "OSLanguage", 0x1C, "PhoneNumber", 0x1D, "UserInformation", 0x1E, "EmailAddresses",
            0x1F, "SMTPAddress", 0x20, "UserAgent", 0x21, "EnableOutboundSMS", 0x22, "MobileOperator",
            0x23, "PrimarySmtpAddress", 0x24, "Accounts", 0x25, "Account", 0x26, "AccountId",
            0x27, "AccountName", 0x28, "UserDisplayName", 0x29, "SendDisabled", 0x2B, "RightsManagementInformation");
    /** §2.1.2.1.21 Code Page 20: ItemOperations (the Fetch and EmptyFolderContents parts). */
    public static final CodePage ITEM_OPERATIONS = new CodePage(20, "ItemOperations",
            0x05, "ItemOperations", 0x06, "Fetch", 0x07, "Store", 0x08, "Options", 0x09, "Range", 0x0A, "Total",
            0x0B, "Properties", 0x0C, "Data", 0x0D, "Status", 0x0E, "Response", 0x0F, "Version", 0x10, "Schema",
            0x11, "Part", 0x12, "EmptyFolderContents", 0x13, "DeleteSubFolders", 0x14, "UserName",
            0x15, "Password", 0x16, "Move", 0x17, "DstFldId", 0x18, "ConversationId", 0x19, "MoveAlways");
    /** §2.1.2.1.22 Code Page 21: ComposeMail. */
    public static final CodePage COMPOSE_MAIL = new CodePage(21, "ComposeMail",
            0x05, "SendMail", 0x06, "SmartForward", 0x07, "SmartReply", 0x08, "SaveInSentItems",
            0x09, "ReplaceMime", 0x0B, "Source", 0x0C, "FolderId", 0x0D, "ItemId", 0x0E, "LongId",
            0x0F, "InstanceId", 0x10, "Mime", 0x11, "ClientId", 0x12, "Status", 0x13, "AccountId");

    private static final List<CodePage> ALL = List.of(AIR_SYNC, EMAIL, MOVE, GET_ITEM_ESTIMATE, FOLDER_HIERARCHY,
            PING, PROVISION, AIR_SYNC_BASE, SETTINGS, ITEM_OPERATIONS, COMPOSE_MAIL);
    private static final Map<Integer, CodePage> BY_NUMBER = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(CodePage::number, Function.identity()));
    private static final Map<String, CodePage> BY_NAMESPACE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(CodePage::namespace, Function.identity()));

    private CodePages() {
    }

    public static List<CodePage> all() {
        return ALL;
    }

    public static Optional<CodePage> byNumber(int number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }

    public static Optional<CodePage> byNamespace(String namespace) {
        return Optional.ofNullable(BY_NAMESPACE.get(namespace));
    }
}
