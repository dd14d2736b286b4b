package org.cityservice.console;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The console's pages run only our own code: a strict Content-Security-Policy (no inline script or
 * style element, nothing from a CDN; images from us, blobs of authorised photos, and the configured tile
 * host), never framed. Hashed assets are cached for good; the page itself is revalidated.
 */
@Component
class ConsoleHeaders implements WebFilter {

    private final String policy;

    ConsoleHeaders(ConsoleProperties properties) {
        String tiles = properties.tileOrigin() == null ? "" : " " + properties.tileOrigin();
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + tiles
                + "; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.equals("/console") || path.startsWith("/console/")) {
            exchange.getResponse().beforeCommit(() -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                headers.set("Content-Security-Policy", policy);
                headers.set("X-Frame-Options", "DENY");
                headers.set("Referrer-Policy", "no-referrer");
                if (path.startsWith("/console/assets/")
                        && exchange.getResponse().getStatusCode() != null
                        && exchange.getResponse().getStatusCode().is2xxSuccessful()) {
                    headers.set(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable");
                    headers.remove(HttpHeaders.PRAGMA);
                    headers.remove(HttpHeaders.EXPIRES);
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
