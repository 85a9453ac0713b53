package io.latchkey.server.config;

import java.util.List;

/** The configuration is unusable; every problem found is listed, each naming where the value came from. */
public class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
