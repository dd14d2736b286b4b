package org.cityservice.shared;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a body whose declared length is over the limit before reading a byte of it. A body
 * without a length (chunked) is counted as it is read and cut off at the same limit: the JSON codecs
 * stop at {@code spring.http.codecs.max-in-memory-size} anyway, but the multipart reader keeps file
 * parts on disk without a limit of its own, so a chunked upload would otherwise be read to its end.
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
        DataSize said = applies == UPLOAD_LIMIT ? DataSize.ofMegabytes(5) : applies;
        if (length > applies.toBytes()) {
            return Mono.error(tooLarge(said));
        }
        if (length < 0) {
            return chain.filter(exchange.mutate().request(new Counted(exchange.getRequest(), applies.toBytes(), said)).build());
        }
        return chain.filter(exchange);
    }

    /** The request with its body counted as it streams in, failing once past the limit. */
    private static final class Counted extends ServerHttpRequestDecorator {

        private final long max;
        private final DataSize said;

        Counted(ServerHttpRequest request, long max, DataSize said) {
            super(request);
            this.max = max;
            this.said = said;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(said));
                    } else {
                        sink.next(buffer);
                    }
                });
            });
        }
    }

    public static ApiException tooLarge(DataSize limit) {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                "请求内容不能超过 " + limit.toKilobytes() / 1024 + " MB");
    }
}
