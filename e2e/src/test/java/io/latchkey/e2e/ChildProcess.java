package io.latchkey.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JVM child process whose standard output the test reads line by line, and can kill with SIGKILL. */
final class ChildProcess implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("io error: " + e);
            }
            lines.add(EOF);
        });
    }

    /** Runs a main class of the test classpath in a new JVM. */
    static ChildProcess java(Class<?> main, List<String> jvmArgs, List<String> args, Path workDir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        return start(cmd, workDir, List.of());
    }

    static ChildProcess start(List<String> command, Path workDir, List<String> env) throws IOException {
        return start(command, workDir, env, ProcessBuilder.Redirect.INHERIT);
    }

    static ChildProcess start(List<String> command, Path workDir, List<String> env, ProcessBuilder.Redirect stderr)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectError(stderr);
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new ChildProcess(pb.start());
    }

    /** Waits for a line matching {@code until}; fails if the process ends or the time runs out first. */
    String await(Predicate<String> until, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("timed out after " + timeout + " waiting for output; saw: " + tail());
            }
            if (line.equals(EOF)) {
                throw new AssertionError("the process ended (exit " + process.waitFor() + ") before the expected "
                        + "output; saw: " + tail());
            }
            seen.add(line);
            if (until.test(line)) {
                return line;
            }
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no commit — what a power cut or the OOM killer does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end within " + timeout + "; saw: " + tail());
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    private String tail() {
        return seen.subList(Math.max(0, seen.size() - 20), seen.size()).toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
