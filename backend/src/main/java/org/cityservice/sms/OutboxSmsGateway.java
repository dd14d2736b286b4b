package org.cityservice.sms;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.cityservice.redis.RedisKeys;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * The SMS adapter until a provider is wired: every message goes to the stream
 * {@code cs:{sms}:outbox} (phone, template, params, reference, time) and nowhere else, so staff and
 * tests can see what residents would have received. Nothing leaves the machine.
 */
@Component
class OutboxSmsGateway implements SmsGateway {

    private final ReactiveStringRedisTemplate redis;
    private final RedisKeys keys;
    private final Clock clock;

    OutboxSmsGateway(ReactiveStringRedisTemplate redis, RedisKeys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public Mono<Void> send(String phone, String template, List<String> params, String reference) {
        return redis.opsForStream().add(keys.key("sms", "outbox"), Map.of("phone", phone, "template", template,
                "params", String.join("|", params), "reference", reference, "at", clock.instant().toString())).then();
    }
}
