package io.latchkey.store.jdbc.admin;

import io.latchkey.core.admin.SignInAttempts;
import io.latchkey.store.jdbc.SqlValues;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/** Failed sign-ins and lockouts in the database, so that every node counts the same attempts. */
public final class JdbcSignInAttempts implements SignInAttempts {
    private final Jdbi jdbi;

    public JdbcSignInAttempts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public int recordFailure(String subject, Instant at, Instant since) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("DELETE FROM sign_in_failure WHERE subject = :s AND failed_at < :since")
                    .bind("s", subject).bind("since", since).execute();
            h.createUpdate("INSERT INTO sign_in_failure (subject, failed_at) VALUES (:s, :at)")
                    .bind("s", subject).bind("at", at).execute();
            return h.createQuery("SELECT COUNT(*) FROM sign_in_failure WHERE subject = :s AND failed_at >= :since")
                    .bind("s", subject).bind("since", since).mapTo(Integer.class).one();
        });
    }

    @Override
    public void lock(String subject, Instant until) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM sign_in_failure WHERE subject = :s").bind("s", subject).execute();
            int updated = h.createUpdate("UPDATE sign_in_lock SET locked_until = :until WHERE subject = :s")
                    .bind("s", subject).bind("until", until).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO sign_in_lock (subject, locked_until) VALUES (:s, :until)")
                        .bind("s", subject).bind("until", until).execute();
            }
        });
    }

    @Override
    public Optional<Instant> lockedUntil(String subject) {
        return jdbi.withHandle(h -> h.createQuery("SELECT locked_until FROM sign_in_lock WHERE subject = :s")
                .bind("s", subject).map((rs, ctx) -> SqlValues.instant(rs, "locked_until")).findOne());
    }

    @Override
    public void clear(String subject) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM sign_in_failure WHERE subject = :s").bind("s", subject).execute();
            h.createUpdate("DELETE FROM sign_in_lock WHERE subject = :s").bind("s", subject).execute();
        });
    }
}
