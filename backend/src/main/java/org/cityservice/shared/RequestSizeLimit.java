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
public class RequestSizeLimit implements WebFilter {

    /** Photo uploads carry up to 5 MiB of image plus the multipart envelope. */
    static final String UPLOADS = "/api/v1/uploads";
    static final DataSize UPLOAD_LIMIT = DataSize.ofBytes(DataSize.ofMegabytes(5).toBytes() + DataSize.ofKilobytes(64).toBytes());

    private final DataSize limit;

    RequestSizeLimit(@Value("${spring.http.codecs.max-in-memory-size:1MB}") DataSize limit) {
        this.limit = limit;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        DataSize applies = UPLOADS.equals(exchange.getRequest().getPath().value()) ? UPLOAD_LIMIT : limit;
        if (length > applies.toBytes()) {
            return Mono.error(tooLarge(applies == UPLOAD_LIMIT ? DataSize.ofMegabytes(5) : applies));
        }
        return chain.filter(exchange);
    }

    public static ApiException tooLarge(DataSize limit) {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                "请求内容不能超过 " + limit.toKilobytes() / 1024 + " MB");
    }
}
