package io.latchkey.server.cli;

import io.latchkey.server.DatabaseInUse;
import io.latchkey.server.config.ConfigException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns a command's failure into a short message and an exit code: 2 for configuration errors,
 * 1 otherwise. The stack trace goes to the log at debug level only.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    static final int CONFIG_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        var err = cl.getErr();
        if (e instanceof ConfigException c) {
            err.println("latchkey: configuration error:");
            c.problems().forEach(p -> err.println("  - " + p));
            return CONFIG_ERROR;
        }
        if (e instanceof DatabaseInUse) {
            err.println("latchkey: " + e.getMessage());
            return 1;
        }
        LoggerFactory.getLogger(Failures.class).debug("command failed", e);
        err.println("latchkey: " + cl.getCommandName() + " failed: " + rootMessage(e));
        return 1;
    }

    private static String rootMessage(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        while (cause != null && cause != e) {
            if (cause.getMessage() != null && !message.contains(cause.getMessage())) {
                message = message + ": " + cause.getMessage();
            }
            e = cause;
            cause = cause.getCause();
        }
        return message;
    }
}
