package org.cityservice.shared;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes a {@link Problem} straight to the response: usable from filters as well as handlers. */
@Component
public class ProblemWriter {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    /** Extension member: seconds until a retry can succeed; also sent as {@code Retry-After}. */
    public static final String RETRY_AFTER = "retryAfter";

    private final JsonMapper json;
    private final ObjectProvider<ErrorFormat> formats;

    public ProblemWriter(JsonMapper json, ObjectProvider<ErrorFormat> formats) {
        this.json = json;
        this.formats = formats;
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        // paths whose standard has an error format of its own (Open311) get it, whoever refused the request
        for (ErrorFormat format : formats) {
            if (format.appliesTo(exchange)) {
                return format.write(exchange, problem);
            }
        }
        response.setRawStatusCode(problem.status());
        response.getHeaders().setContentType(PROBLEM_JSON);
        // a problem that says when to try again says it in the header too, where clients look
        if (problem.extensions().get(RETRY_AFTER) instanceof Number seconds) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
        }
        byte[] body = bytes(problem);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    /** The problem as the body of an answer written below WebFlux (the HTTP decoder's refusals). */
    public byte[] bytes(Problem problem) {
        return json.writeValueAsBytes(problem);
    }
}
