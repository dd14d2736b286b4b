package org.cityservice.shared;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of every error answer ({@code application/problem+json}, RFC 9457), with two extension
 * members: {@code code}, stable for clients, and {@code errors}, one entry per bad field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        @Nullable String instance,
        String code,
        List<FieldViolation> errors,
        @JsonAnyGetter Map<String, Object> extensions) {

    public static Problem of(ProblemType type, String detail, @Nullable String instance) {
        return new Problem(
                type.uri(), type.title(), type.status().value(), detail, instance, type.code(), List.of(), Map.of());
    }

    public static Problem of(ApiException e, @Nullable String instance) {
        ProblemType type = e.type();
        return new Problem(
                type.uri(),
                type.title(),
                type.status().value(),
                Objects.requireNonNullElse(e.getMessage(), type.title()),
                instance,
                type.code(),
                e.violations(),
                new LinkedHashMap<>(e.extensions()));
    }
}
