package io.latchkey.core.inventory;

/**
 * The device properties a {@link DeviceCondition} can test and a {@link DeviceOrder} can sort on.
 * Each names the type of value it is compared with, so a surface can refuse a mismatch before the
 * store sees it.
 */
public enum DeviceField {
    ID(Kind.UUID, true),
    NAME(Kind.TEXT, true),
    PLATFORM(Kind.PLATFORM, false),
    /** Compared as a dotted version ("9.3" &lt; "10.0.19045"); equality is on the text as reported. */
    OS_VERSION(Kind.VERSION, false),
    CHANNEL(Kind.CHANNEL, false),
    OWNERSHIP(Kind.OWNERSHIP, false),
    ENROLLED_AT(Kind.INSTANT, true),
    /** Null while the device was never seen. */
    LAST_CHECK_IN(Kind.INSTANT, true),
    MODEL(Kind.TEXT, false),
    SERIAL_NUMBER(Kind.TEXT, false),
    /** The enrolling user. */
    USER_ID(Kind.UUID, false),
    /** The enrolling user's principal name, compared case-insensitively. */
    USER_PRINCIPAL_NAME(Kind.TEXT, false),
    SUPERVISED(Kind.BOOLEAN, false);

    /** The Java type of the values a field is compared with. */
    public enum Kind {
        UUID(java.util.UUID.class), TEXT(String.class), VERSION(String.class), PLATFORM(Platform.class),
        CHANNEL(ManagementChannel.class), OWNERSHIP(Ownership.class), INSTANT(java.time.Instant.class),
        BOOLEAN(Boolean.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    private final Kind kind;
    private final boolean sortable;

    DeviceField(Kind kind, boolean sortable) {
        this.kind = kind;
        this.sortable = sortable;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a {@link DeviceOrder} may use it (each sortable field has an index ending on the id). */
    public boolean sortable() {
        return sortable;
    }

    /** Whether gt/ge/lt/le mean something: dates and versions. */
    public boolean ordered() {
        return kind == Kind.INSTANT || kind == Kind.VERSION;
    }
}
