package io.latchkey.server;

import io.latchkey.server.cli.LatchkeyCommand;

/** Entry point of {@code latchkey.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = LatchkeyCommand.commandLine().execute(args);
        // serve and demo return only once stopped; exit so no stray non-daemon thread holds the JVM.
        System.exit(code);
    }
}
