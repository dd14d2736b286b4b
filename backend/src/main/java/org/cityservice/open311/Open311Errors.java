package org.cityservice.open311;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ErrorFormat;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.Problem;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error under {@code /open311/} in GeoReport v2's format instead of problem+json:
 * {@code [{"code":…,"description":…}]} or {@code <errors><error><code/><description/></error></errors>},
 * by the path's extension. The HTTP status follows the spec: 404 for what does not exist, 403 for a
 * missing or wrong api_key, 400 for anything else the client got wrong; 429 (with Retry-After) and
 * 5xx stay what they are. {@code code} is that status; the description is English and ends with our
 * problem code in brackets (docs/errors.md), e.g. {@code "Invalid api_key (forbidden)"}.
 */
@Component
class Open311Errors implements ErrorFormat {

    static final String PREFIX = "/open311/";
    /** Marks a problem raised by this package: its detail is already the English description. */
    private static final String OURS = "open311";

    private final JsonMapper json;

    Open311Errors(JsonMapper json) {
        this.json = json;
    }

    static ApiException badRequest(String description) {
        return new ApiException(ProblemType.BAD_REQUEST, description, List.of(), Map.of(OURS, true));
    }

    /** One error per bad field. */
    static ApiException invalid(List<FieldViolation> violations) {
        return new ApiException(ProblemType.VALIDATION_FAILED, "Invalid request", violations, Map.of(OURS, true));
    }

    static ApiException notFound(String description) {
        return new ApiException(ProblemType.NOT_FOUND, description, List.of(), Map.of(OURS, true));
    }

    static ApiException forbidden(String description) {
        return new ApiException(ProblemType.FORBIDDEN, description, List.of(), Map.of(OURS, true));
    }

    @Override
    public boolean appliesTo(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value().startsWith(PREFIX);
    }

    @Override
    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        Open311Body body = Open311Body.ofPath(exchange.getRequest().getPath().value());
        int status = status(problem.status());
        ServerHttpResponse response = exchange.getResponse();
        response.setRawStatusCode(status);
        response.getHeaders().setContentType(body.type());
        if (problem.extensions().get(ProblemWriter.RETRY_AFTER) instanceof Number seconds) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        byte[] bytes = body.list(json, "errors", errors(problem, status));
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    static int status(int problemStatus) {
        if (problemStatus == 404 || problemStatus == 429 || problemStatus >= 500) {
            return problemStatus;
        }
        return problemStatus == 401 || problemStatus == 403 ? 403 : 400;
    }

    static List<Map<String, Object>> errors(Problem problem, int status) {
        boolean ours = Boolean.TRUE.equals(problem.extensions().get(OURS));
        List<Map<String, Object>> errors = new ArrayList<>();
        if (ours && problem.errors() != null && !problem.errors().isEmpty()) {
            for (FieldViolation violation : problem.errors()) {
                errors.add(error(status, violation.field() + ": " + violation.message() + " (" + problem.code() + ")"));
            }
            return errors;
        }
        String description = ours ? problem.detail() : english(problem);
        errors.add(error(status, description + " (" + problem.code() + ")"));
        return errors;
    }

    private static Map<String, Object> error(int code, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        return error;
    }

    /** Problems raised outside this package carry a Chinese detail; the Open311 audience reads English. */
    private static String english(Problem problem) {
        return switch (problem.code() == null ? "" : problem.code()) {
            case "unauthorized", "forbidden" -> "Missing or invalid api_key";
            case "not-found" -> "No such resource: " + problem.instance();
            case "method-not-allowed" -> "This method is not allowed here";
            case "not-acceptable" -> "Cannot answer in the requested format; use the .json or .xml extension";
            case "unsupported-media-type" -> "Send the request as application/x-www-form-urlencoded";
            case "payload-too-large" -> "The request is too large";
            case "uri-too-long" -> "The request URL is too long";
            case "headers-too-large" -> "The request headers are too large";
            case "too-many-requests" -> "Too many requests; try again later";
            case "content-rejected" -> "The description did not pass the content check; please rephrase it";
            case "service-unavailable" -> "The service is temporarily unavailable; please try again later";
            case "internal-error" -> "Internal error; please notify the jurisdiction";
            default -> "The request could not be processed";
        };
    }
}
