package io.latchkey.store.jdbc;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

import java.util.regex.Pattern;

/**
 * SPIKE (docs/sqlite-spike.md): the two constructs of the shared SQL that SQLite lacks, rewritten
 * on the way to the driver instead of branching every call site. {@code col = ANY(:ids)} becomes a
 * membership test over {@code json_each}, whose argument {@link SqlValues#uuidArrayArgument} binds
 * as a JSON array; {@code FOR UPDATE [SKIP LOCKED]} is dropped, because every SQLite transaction here
 * begins IMMEDIATE and so already holds the database's single write lock. A full switch should make
 * these {@link Dialect} methods at the few call sites rather than keep a regex in the path.
 */
final class SqliteStatements {
    private static final Pattern ANY = Pattern.compile("=\\s*ANY\\s*\\(\\s*(:\\w+)\\s*\\)");
    private static final Pattern FOR_UPDATE = Pattern.compile("\\s+FOR\\s+UPDATE(\\s+SKIP\\s+LOCKED)?");

    private SqliteStatements() {
    }

    static void install(Jdbi jdbi) {
        SqlStatements statements = jdbi.getConfig(SqlStatements.class);
        TemplateEngine inner = statements.getTemplateEngine();
        statements.setTemplateEngine((template, ctx) -> rewrite(inner.render(template, ctx)));
    }

    static String rewrite(String sql) {
        String out = ANY.matcher(sql).replaceAll("IN (SELECT value FROM json_each($1))");
        return FOR_UPDATE.matcher(out).replaceAll("");
    }
}
