package io.latchkey.server.simulate;

import java.io.PrintWriter;

/**
 * The live progress of a run: on a terminal one line rewritten in place (carriage return) twice a
 * second; otherwise (a pipe, a log file, CI) a plain line every {@link #PLAIN_EVERY_MS} ms.
 */
public final class ProgressLine {
    static final long PLAIN_EVERY_MS = 5_000;

    private final PrintWriter out;
    private final boolean terminal;
    private long lastPlain;
    private int lastLength;

    ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** How often {@link #show} should be called. */
    long everyMs() {
        return terminal ? 500 : 1_000;
    }

    synchronized void show(String line) {
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            out.flush();
        } else {
            long now = System.currentTimeMillis();
            if (now - lastPlain >= PLAIN_EVERY_MS) {
                lastPlain = now;
                out.println(line);
                out.flush();
            }
        }
    }

    /** The last state on a line of its own, before anything else is printed. */
    synchronized void end(String line) {
        if (terminal) {
            out.println("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = 0;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Whether standard output is a terminal (Console.isTerminal, JDK 22+; a JDK 21 Console only exists on one). */
    public static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
