package org.cityservice.redis;

import io.lettuce.core.resource.ClientResources;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * The timer behind Lettuce's command timeouts, ticking every 10 ms instead of Netty's default 100 ms.
 *
 * <p>Every command gets a timeout on this wheel (spring.data.redis.timeout); when the reply comes the timeout is
 * cancelled, but the wheel lets go of it only at its next tick — and the timeout holds the command, and the command
 * the whole reactive chain of the request that sent it. At 100 ms a tick, every request that touched Redis in the
 * last tenth of a second was still reachable at each young collection: at ~9,000 requests/s that was tens of MB a
 * collection, copied, then promoted, then a full collection of 150 ms every second (bench/round-trip.sh, GC log).
 * At 10 ms the wheel holds a tenth of that, which the survivor spaces absorb; the cost is a thread waking 100 times a
 * second.
 */
@Component
class CommandTimeoutTimer implements ClientResourcesBuilderCustomizer, DisposableBean {

    private final HashedWheelTimer timer =
            new HashedWheelTimer(new DefaultThreadFactory("lettuce-timer", true), 10, TimeUnit.MILLISECONDS);

    @Override
    public void customize(ClientResources.Builder builder) {
        builder.timer(timer);
    }

    @Override
    public void destroy() {
        timer.stop();
    }
}
