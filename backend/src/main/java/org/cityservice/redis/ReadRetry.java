package org.cityservice.redis;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A read (GET, HEAD) that meets a Redis away for a moment ({@link RedisOutage}) is tried again, after {@code delay},
 * up to {@code attempts} more times, before it is answered 503: a Redis Cluster's failover is over in a few seconds
 * (the node timeout and one or two more), and a resident opening a case's page meanwhile should see the page, late,
 * rather than an error. Only while nothing of the answer was sent (an event stream that already began is not), and
 * never a write: a write is the client's to retry, with its {@code Idempotency-Key}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ReadRetry implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(ReadRetry.class);

    /**
     * @param attempts how many more times a read is tried; {@code 0} answers 503 at once
     * @param delay    the pause before each, in which the cluster's clients learn the new topology (at most every
     *                 second, {@link FailoverOptions})
     */
    @ConfigurationProperties("app.redis.read-retry")
    public record Settings(
            @DefaultValue("3") int attempts,
            @DefaultValue("1s") Duration delay) {}

    private final Settings settings;

    ReadRetry(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return chain.filter(exchange);
        }
        return attempt(exchange, chain, settings.attempts());
    }

    private Mono<Void> attempt(ServerWebExchange exchange, WebFilterChain chain, int left) {
        return chain.filter(exchange)
                .onErrorResume(
                        error -> left > 0
                                && RedisOutage.causes(error)
                                && !exchange.getResponse().isCommitted(),
                        error -> {
                            log.info(
                                    "{} {}: Redis away ({}), read again in {} ms",
                                    exchange.getRequest().getMethod(),
                                    exchange.getRequest().getPath(),
                                    error.toString(),
                                    settings.delay().toMillis());
                            return Mono.delay(settings.delay()).then(attempt(exchange, chain, left - 1));
                        });
    }
}
