package org.cityservice.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A body without Content-Length is cut off at the limit while it is read, whoever reads it. */
class RequestSizeLimitTest {

    private final RequestSizeLimit limit = new RequestSizeLimit(DataSize.ofMegabytes(1));

    @Test
    void aChunkedUploadIsCutOffAtTheUploadLimitNotReadToTheEnd() {
        AtomicLong read = new AtomicLong();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(RequestSizeLimit.UPLOADS)
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=b"))
                .body(chunks(160)));   // 10 MiB, no Content-Length
        Mono<Void> filtered = limit.filter(exchange, filteredExchange -> filteredExchange.getRequest().getBody()
                .doOnNext(buffer -> read.addAndGet(buffer.readableByteCount()))
                .doOnNext(DataBufferUtils::release)
                .then());
        StepVerifier.create(filtered).expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ApiException.class)
                .hasMessageContaining("5 MB")).verify();
        assertThat(read.get()).isLessThanOrEqualTo(RequestSizeLimit.UPLOAD_LIMIT.toBytes());
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadWhole() {
        AtomicLong read = new AtomicLong();
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/admin/stations")
                .contentType(MediaType.APPLICATION_JSON).body(chunks(15)));
        StepVerifier.create(limit.filter(exchange, filteredExchange -> filteredExchange.getRequest().getBody()
                .doOnNext(buffer -> read.addAndGet(buffer.readableByteCount()))
                .doOnNext(DataBufferUtils::release)
                .then())).verifyComplete();
        assertThat(read.get()).isEqualTo(15 * 64 * 1024);
    }

    private static Flux<DataBuffer> chunks(int count) {
        return Flux.range(0, count).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));
    }
}
