package org.cityservice.shared;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An error body other than problem+json, for paths that follow a published standard with an error
 * format of its own (Open311 GeoReport v2). {@link ProblemWriter} hands every problem of such a path
 * to it, so refusals from the firewall, security, codecs and controllers alike answer in that format.
 */
public interface ErrorFormat {

    boolean appliesTo(ServerWebExchange exchange);

    /** Writes {@code problem} as this format's error answer; the response is not committed yet. */
    Mono<Void> write(ServerWebExchange exchange, Problem problem);
}
