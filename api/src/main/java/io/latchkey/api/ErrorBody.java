package io.latchkey.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The one error shape of the API: {@code {"error": {"code", "message"[, "details"]}}}. */
public record ErrorBody(Error error) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String code, String message, List<?> details) {
    }

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(new Error(code, message, null));
    }

    public static ErrorBody of(String code, String message, List<?> details) {
        return new ErrorBody(new Error(code, message, details));
    }
}
