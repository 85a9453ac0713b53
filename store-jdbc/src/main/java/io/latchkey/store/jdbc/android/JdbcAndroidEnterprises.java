package io.latchkey.store.jdbc.android;

import io.latchkey.core.enrollment.AndroidEnterprise;
import io.latchkey.core.enrollment.AndroidEnterprises;
import io.latchkey.store.jdbc.Dialect;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;

/** The one Android Enterprise binding, as row 1. */
public final class JdbcAndroidEnterprises implements AndroidEnterprises {
    private final Jdbi jdbi;
    private final String upsert;

    public JdbcAndroidEnterprises(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.upsert = dialect.upsert("android_enterprise", List.of("id", "name", "display_name", "policy_name",
                "bound_at"), "id");
    }

    @Override
    public Optional<AndroidEnterprise> current() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, display_name, policy_name, bound_at"
                        + " FROM android_enterprise WHERE id = 1")
                .map((rs, ctx) -> new AndroidEnterprise(rs.getString("name"), rs.getString("display_name"),
                        rs.getString("policy_name"), SqlValues.instant(rs, "bound_at")))
                .findOne());
    }

    @Override
    public void save(AndroidEnterprise e) {
        jdbi.useHandle(h -> h.createUpdate(upsert).bind(0, 1).bind(1, e.name()).bind(2, e.displayName())
                .bind(3, e.policyName()).bind(4, e.boundAt()).execute());
    }
}
