package org.cityservice.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store an earlier key layout left ({@code legacy-store/store.json}, see the README beside it), written into a
 * redis-server key by key, with each key's type, value and time to live as they were read.
 */
public final class LegacyStore {

    private final JsonNode keys;

    private LegacyStore(JsonNode keys) {
        this.keys = keys;
    }

    public static LegacyStore of332bd50() {
        try (InputStream in = LegacyStore.class.getResourceAsStream("/legacy-store/store.json")) {
            return new LegacyStore(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeInto(ReactiveStringRedisTemplate redis) {
        Flux.fromIterable(keys.properties())
                .concatMap(entry -> write(redis, entry.getKey(), entry.getValue()))
                .blockLast(Duration.ofSeconds(30));
    }

    private static Mono<?> write(ReactiveStringRedisTemplate redis, String key, JsonNode entry) {
        JsonNode value = entry.get("value");
        Mono<?> written = switch (entry.get("type").asString()) {
            case "string" -> redis.opsForValue().set(key, value.asString());
            case "hash" -> {
                Map<String, String> fields = new LinkedHashMap<>();
                value.properties()
                        .forEach(field ->
                                fields.put(field.getKey(), field.getValue().asString()));
                yield redis.<String, String>opsForHash().putAll(key, fields);
            }
            case "set" ->
                redis.opsForSet()
                        .add(key, value.valueStream().map(JsonNode::asString).toArray(String[]::new));
            case "list" ->
                redis.opsForList()
                        .rightPushAll(
                                key, value.valueStream().map(JsonNode::asString).toList());
            case "zset" ->
                Flux.fromIterable(value.valueStream().toList())
                        .concatMap(member -> redis.opsForZSet()
                                .add(
                                        key,
                                        member.get(0).asString(),
                                        member.get(1).asDouble()))
                        .then();
            case "stream" ->
                Flux.fromIterable(value.valueStream().toList())
                        .concatMap(record -> {
                            Map<String, String> fields = new LinkedHashMap<>();
                            record.get(1)
                                    .properties()
                                    .forEach(f ->
                                            fields.put(f.getKey(), f.getValue().asString()));
                            return redis.opsForStream()
                                    .add(MapRecord.create(key, fields)
                                            .withId(RecordId.of(record.get(0).asString())));
                        })
                        .then();
            default -> Mono.error(new IllegalStateException("a type the fixture should not hold: " + entry));
        };
        long pttl = entry.get("pttl").asLong();
        return written.then(pttl > 0 ? redis.expire(key, Duration.ofMillis(pttl)) : Mono.empty());
    }
}
