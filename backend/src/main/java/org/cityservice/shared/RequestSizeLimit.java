package org.cityservice.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Refuses a body whose declared length is over the limit before reading a byte of it. Bodies
 * without a length (chunked) are cut off by the codec limit, {@code spring.http.codecs.max-in-memory-size},
 * which the exception handler also answers with 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit implements WebFilter {

    private final DataSize limit;

    RequestSizeLimit(@Value("${spring.http.codecs.max-in-memory-size:1MB}") DataSize limit) {
        this.limit = limit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > limit.toBytes()) {
            return Mono.error(tooLarge(limit));
        }
        return chain.filter(exchange);
    }

    static ApiException tooLarge(DataSize limit) {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                "请求内容不能超过 " + limit.toKilobytes() / 1024 + " MB");
    }
}
