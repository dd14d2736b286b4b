package org.cityservice.shared;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a body whose declared length is over the limit before reading a byte of it. A body
 * without a length (chunked) is counted as it streams in and cut off at the same limit. The JSON
 * codecs stop at {@code spring.http.codecs.max-in-memory-size} themselves; the multipart reader keeps
 * file parts on disk without a limit, and reads the exchange's original request whatever a filter
 * mutates, so a chunked multipart body gets multipart data read from the counted request here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestSizeLimit implements WebFilter {

    /** Photo uploads carry up to 5 MiB of image plus the multipart envelope. */
    static final String UPLOADS = "/api/v1/uploads";

    static final DataSize UPLOAD_LIMIT = DataSize.ofBytes(
            DataSize.ofMegabytes(5).toBytes() + DataSize.ofKilobytes(64).toBytes());
    private static final ResolvableType MULTIPART_DATA =
            ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, Part.class);

    private final DataSize limit;
    private final ServerCodecConfigurer codecs;

    RequestSizeLimit(
            @Value("${spring.http.codecs.max-in-memory-size:1MB}") DataSize limit, ServerCodecConfigurer codecs) {
        this.limit = limit;
        this.codecs = codecs;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        DataSize applies = UPLOADS.equals(exchange.getRequest().getPath().value()) ? UPLOAD_LIMIT : limit;
        DataSize said = applies == UPLOAD_LIMIT ? DataSize.ofMegabytes(5) : applies;
        if (length > applies.toBytes()) {
            return Mono.error(tooLarge(said));
        }
        if (length >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new Counted(exchange.getRequest(), applies.toBytes(), said);
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
            return chain.filter(exchange.mutate().request(counted).build());
        }
        CountedMultipart multipart =
                new CountedMultipart(exchange.mutate().request(counted).build(), reader(type), counted);
        return chain.filter(multipart)
                .then(multipart.cleanup())
                .onErrorResume(error -> multipart.cleanup().then(Mono.error(error)));
    }

    @SuppressWarnings("unchecked")
    private HttpMessageReader<MultiValueMap<String, Part>> reader(MediaType type) {
        return (HttpMessageReader<MultiValueMap<String, Part>>) codecs.getReaders().stream()
                .filter(reader -> reader.canRead(MULTIPART_DATA, type))
                .findFirst()
                .orElseThrow();
    }

    public static ApiException tooLarge(DataSize limit) {
        return new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "请求内容不能超过 " + limit.toKilobytes() / 1024 + " MB");
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

    /**
     * Multipart data read from the counted request (the exchange's own reads the original one), and
     * its temporary files deleted when the exchange is done, as WebFlux does for its own.
     */
    private static final class CountedMultipart extends ServerWebExchangeDecorator {

        private final AtomicBoolean read = new AtomicBoolean();
        private final Mono<MultiValueMap<String, Part>> parts;

        CountedMultipart(
                ServerWebExchange exchange,
                HttpMessageReader<MultiValueMap<String, Part>> reader,
                ServerHttpRequest counted) {
            super(exchange);
            this.parts = Mono.defer(() -> {
                        read.set(true);
                        return reader.readMono(MULTIPART_DATA, counted, Map.of());
                    })
                    .cache();
        }

        @Override
        public Mono<MultiValueMap<String, Part>> getMultipartData() {
            return parts;
        }

        Mono<Void> cleanup() {
            if (!read.get()) {
                return Mono.empty();
            }
            return parts.flatMapIterable(MultiValueMap::values)
                    .flatMapIterable(values -> values)
                    .flatMap(Part::delete)
                    .onErrorComplete()
                    .then();
        }
    }
}
