package io.latchkey.server.cli;

import io.latchkey.server.Version;
import picocli.CommandLine.Command;

/** {@code latchkey version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
final class VersionCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println("latchkey " + Version.current());
    }
}
