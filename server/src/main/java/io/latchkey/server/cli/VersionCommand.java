package io.latchkey.server.cli;

import io.latchkey.server.Version;
import picocli.CommandLine.Command;

/** {@code latchkey version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
final class VersionCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("latchkey " + Version.current());
    }
}
