package org.cityservice.shared;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Requests refused before WebFlux sees them answer with a problem too. Reactor Netty answers a
 * request its HTTP decoder could not read (a request line over {@code server.netty.max-initial-line-length},
 * headers over {@code server.max-http-request-header-size}, a line that is not HTTP) with an empty 414, 431
 * or 400, and Spring's Reactor adapter answers an empty 400 to a request target that is no URI (a
 * bad percent-encoding such as {@code %zz} or {@code %u4E2D}, an unencoded {@code |}). A handler right behind the decoder
 * answers both itself, as a problem, and closes the connection: after a decoder failure the rest of
 * the stream cannot be trusted.
 */
@Component
class HttpDecoderRefusals implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(HttpDecoderRefusals.class);

    private final ProblemWriter writer;
    private final DataSize lineLimit;
    private final DataSize headerLimit;

    HttpDecoderRefusals(
            ProblemWriter writer,
            @Value("${server.netty.max-initial-line-length:4KB}") DataSize lineLimit,
            @Value("${server.max-http-request-header-size:8KB}") DataSize headerLimit) {
        this.writer = writer;
        this.lineLimit = lineLimit;
        this.headerLimit = headerLimit;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            // the HTTP/1.1 pipeline; HTTP/2 (not enabled here) has no such codec and is left as it is
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "cityservice.refusals", new Refusals());
            }
        });
    }

    Problem problemFor(@Nullable Throwable decoderFailure, @Nullable String uri) {
        if (decoderFailure instanceof TooLongHttpLineException) {
            return Problem.of(ProblemType.URI_TOO_LONG, "请求地址过长,请求行不能超过 " + lineLimit.toBytes() + " 字节", null);
        }
        if (decoderFailure instanceof TooLongHttpHeaderException) {
            return Problem.of(
                    ProblemType.HEADERS_TOO_LARGE, "请求头过大,合计不能超过 " + headerLimit.toKilobytes() + " KB", path(uri));
        }
        if (decoderFailure != null) {
            return Problem.of(ProblemType.BAD_REQUEST, "请求不是有效的 HTTP 请求", null);
        }
        return Problem.of(ProblemType.BAD_REQUEST, "请求地址格式无效:含有未编码的字符,或百分号编码无效(% 后应为两位十六进制数字)", null);
    }

    /** What Spring's adapter will make of the request target: it answers an empty 400 where this fails. */
    static boolean parsesAsUri(String uri) {
        try {
            new URI(uri.startsWith("/") ? "http://localhost" + uri : uri);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static @Nullable String path(@Nullable String uri) {
        if (uri == null || !uri.startsWith("/")) {
            return null;
        }
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.length() > 200 ? null : path;
    }

    /** One per connection: once it refused a request it swallows the rest until the connection closes. */
    private final class Refusals extends ChannelInboundHandlerAdapter {

        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request) {
                Throwable failure = request.decoderResult().isFailure()
                        ? request.decoderResult().cause()
                        : null;
                if (failure != null || !parsesAsUri(request.uri())) {
                    refused = true;
                    Problem problem =
                            problemFor(failure, failure instanceof TooLongHttpLineException ? null : request.uri());
                    ReferenceCountUtil.release(msg);
                    log.debug(
                            "refused below WebFlux: {} ({})",
                            problem.code(),
                            failure == null ? "not a URI" : failure.toString());
                    ctx.writeAndFlush(response(problem)).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            // a failure later in the body (a bad chunk) is Reactor Netty's: WebFlux may be answering already
            ctx.fireChannelRead(msg);
        }

        private FullHttpResponse response(Problem problem) {
            byte[] body = writer.bytes(problem);
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.status()), Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, ProblemWriter.PROBLEM_JSON.toString())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            return response;
        }
    }
}
