package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.inventory.User;
import io.latchkey.store.jdbc.Dialect;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import static io.latchkey.store.jdbc.SqlValues.setUuid;
import static io.latchkey.store.jdbc.SqlValues.uuid;

/** The user_account table's columns. */
final class UserRows {
    static final List<String> COLUMNS = List.of("id", "upn", "upn_key", "display_name");
    static final String SELECT = "SELECT id, upn, display_name FROM user_account";

    private UserRows() {
    }

    static String upsert(Dialect dialect) {
        return dialect.upsert("user_account", COLUMNS, "id");
    }

    /** Principal names are e-mail shaped and compare case-insensitively, as Entra ID does. */
    static String upnKey(String upn) {
        return upn.trim().toLowerCase(Locale.ROOT);
    }

    static void bind(PreparedStatement st, User u) throws SQLException {
        setUuid(st, 1, u.id());
        st.setString(2, u.userPrincipalName());
        st.setString(3, upnKey(u.userPrincipalName()));
        st.setString(4, u.displayName());
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(uuid(rs, "id"), rs.getString("upn"), rs.getString("display_name"));
    }
}
