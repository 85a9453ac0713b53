package io.latchkey.server.config;

/** How log lines are written: for people, or one JSON object per line for a log pipeline. */
public enum LogFormat {
    TEXT, JSON
}
