package org.cityservice.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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
 * A read (GET, HEAD) that meets a Redis away for a moment ({@link RedisOutage}) is tried again, {@code delay} apart,
 * for as long as the next try would begin within {@code within} of its first error, before it is answered 503: a Redis
 * Cluster's failover is over in the node timeout and a second or two, and a resident opening a case's page meanwhile
 * should see the page, late, rather than an error. A time, not a count of tries: a try fails at once while the
 * cluster answers {@code CLUSTERDOWN}, but takes the whole command timeout while its commands wait for a dead node,
 * so no count of tries spans a failover; and from the first error, not the request's start, since a try's commands
 * may wait for a dead node longer than the command timeout before they fail. Only while nothing of the answer was sent (an event stream that already
 * began is not), and never a write: a write is the client's to retry, with its {@code Idempotency-Key}.
 *
 * <p>Redis away for longer than twice {@code within}, with no pause as long as {@code within} in its errors, is no
 * failover: reads are then answered 503 after one try, so that an outage does not hold every reader's connection for
 * seconds each.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ReadRetry implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(ReadRetry.class);
    private static final long NONE = Long.MIN_VALUE;

    /**
     * @param within how long after its first error a read may still be tried again; {@code 0} answers 503 at once.
     *               The first error and the last try take about a command timeout each: with 10 s and Lettuce's 2 s a
     *               read is answered within about 14 s. Sized for the console, which waits; the mini-program gives up
     *               after 10 s and says the network timed out, as it would say the service is away
     * @param delay  the pause before each try, in which the cluster's clients learn the new topology (at most every
     *               second, {@link FailoverOptions})
     */
    @ConfigurationProperties("app.redis.read-retry")
    public record Settings(
            @DefaultValue("10s") Duration within,
            @DefaultValue("1s") Duration delay) {}

    private final Settings settings;
    /** Milliseconds on a clock that only goes forward, the one {@link Mono#delay} waits on. */
    private final LongSupplier millis;
    /** When the outage under way began, and when it was last seen ({@link #NONE}: never). */
    private final AtomicLong outageBegan = new AtomicLong(NONE);

    private final AtomicLong outageSeen = new AtomicLong(NONE);

    @Autowired
    ReadRetry(Settings settings) {
        this(settings, () -> System.nanoTime() / 1_000_000);
    }

    ReadRetry(Settings settings, LongSupplier millis) {
        this.settings = settings;
        this.millis = millis;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return chain.filter(exchange);
        }
        return attempt(exchange, chain, NONE);
    }

    /** @param lastTryBy when the last try may begin: {@code within} after the first error, {@link #NONE} before it */
    private Mono<Void> attempt(ServerWebExchange exchange, WebFilterChain chain, long lastTryBy) {
        return chain.filter(exchange).onErrorResume(RedisOutage::causes, error -> {
            long now = millis.getAsLong();
            long by = lastTryBy == NONE ? now + settings.within().toMillis() : lastTryBy;
            if (longOutage(now)
                    || now + settings.delay().toMillis() > by
                    || exchange.getResponse().isCommitted()) {
                return Mono.error(error);
            }
            log.info(
                    "{} {}: Redis away ({}), read again in {} ms",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(),
                    error.toString(),
                    settings.delay().toMillis());
            return Mono.delay(settings.delay()).then(attempt(exchange, chain, by));
        });
    }

    /**
     * Notes an outage seen now: whether it has lasted longer than twice {@code within}, with no pause as long as
     * {@code within} between the errors that make it up (a failover is shorter; two readers racing here merely move
     * its start a little).
     */
    private boolean longOutage(long now) {
        long seen = outageSeen.getAndSet(now);
        if (seen == NONE || now - seen > settings.within().toMillis()) {
            outageBegan.set(now);
        }
        return now - outageBegan.get() > 2 * settings.within().toMillis();
    }
}
