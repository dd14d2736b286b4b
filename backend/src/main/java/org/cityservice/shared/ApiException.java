package org.cityservice.shared;

import java.util.List;
import java.util.Map;

/** A request we refuse on purpose; written as an RFC 9457 problem by {@link ProblemExceptionHandler}. */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final transient List<FieldViolation> violations;
    private final transient Map<String, Object> extensions;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    public ApiException(
            ProblemType type, String detail, List<FieldViolation> violations, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = List.copyOf(violations);
        this.extensions = Map.copyOf(extensions);
    }

    public static ApiException invalid(List<FieldViolation> violations) {
        return new ApiException(ProblemType.VALIDATION_FAILED, describe(violations), violations, Map.of());
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    /** "lat:超出范围;radius:必须大于 0" — the detail a person reads; the list stays machine-readable. */
    public static String describe(List<FieldViolation> violations) {
        StringBuilder detail = new StringBuilder("请检查以下内容:");
        for (int i = 0; i < violations.size(); i++) {
            FieldViolation violation = violations.get(i);
            detail.append(i == 0 ? "" : ";")
                    .append(violation.field())
                    .append(' ')
                    .append(violation.message());
        }
        return detail.toString();
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
