package io.latchkey.api.graph.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A constant in a {@code $filter} expression (OData literal forms). */
public sealed interface Literal {

    record Text(String value) implements Literal {
    }

    record Number(BigDecimal value) implements Literal {
    }

    record Bool(boolean value) implements Literal {
    }

    record Null() implements Literal {
    }

    /** An unquoted date-time such as {@code 2024-05-01T00:00:00Z}. */
    record DateTime(OffsetDateTime value) implements Literal {
    }

    /** An unquoted GUID. */
    record Guid(UUID value) implements Literal {
    }
}
