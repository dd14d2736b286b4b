package org.cityservice.listing;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.ChangeLog;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.RedisKeys;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisElementReader;
import org.springframework.data.redis.serializer.RedisElementWriter;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listings in Redis. Per kind, in one hash-tagged slot (docs/redis-keys.md):
 * {@code items} (hash id → {"version":n,"listing":{...}}), {@code geo} (GEO index), {@code order}
 * (zset by creation time, for paging), {@code district:<name>} (the same, per district) and
 * {@code seq} (id counter), {@code revision} and {@code changes} (the change log each backend's nearby index
 * follows). Every write goes through one Lua script, so a listing and its index
 * entries change together or not at all; every read is one round trip. Replies are decoded on the
 * parallel scheduler: all commands share one Lettuce connection, whose single I/O thread would
 * otherwise do every request's JSON work.
 */
@Component
public class ListingStore {

    private static final RedisScript<String> SAVE = LuaScripts.load("listing/save", String.class);
    private static final RedisScript<String> DELETE = LuaScripts.load("listing/delete", String.class);
    private static final RedisScript<byte[]> PAGE = LuaScripts.load("redis/page", byte[].class);
    private static final RedisElementWriter<String> ARGS = RedisElementWriter.from(RedisSerializer.string());
    private static final RedisElementReader<byte[]> UTF8_JSON = RedisElementReader.from(RedisSerializer.byteArray());

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final Clock clock;

    ListingStore(
            ReactiveStringRedisTemplate redis,
            AcknowledgedWrites writes,
            RedisKeys keys,
            JsonMapper json,
            Clock clock) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
    }

    public <T extends Listing> Mono<Versioned<T>> find(ListingType<T> type, String id) {
        return redis.<String, String>opsForHash()
                .get(key(type, "items"), id)
                .publishOn(Schedulers.parallel())
                .map(stored -> json.readValue(stored, versioned(type)));
    }

    public <T extends Listing> Mono<Long> count(ListingType<T> type) {
        return redis.opsForHash().size(key(type, "items"));
    }

    /** Gives the listing the next id of its kind, then stores it as version 1. */
    public <T extends Listing> Mono<Versioned<T>> create(ListingType<T> type, Function<String, T> withId) {
        return redis.opsForValue()
                .increment(key(type, "seq"))
                .map(seq -> withId.apply(type.idPrefix() + "-" + seq))
                .flatMap(listing -> save(type, listing, 0, listing.district()))
                .map(saved -> saved.orElseThrow(() -> new IllegalStateException("fresh id already taken")));
    }

    /** For loading data that brings its own ids: stores it unless that id exists. */
    public <T extends Listing> Mono<Boolean> insertIfAbsent(ListingType<T> type, T listing) {
        return save(type, listing, 0, listing.district()).map(Outcome::succeeded);
    }

    public <T extends Listing> Mono<Versioned<T>> update(ListingType<T> type, T listing, long expectedVersion) {
        return find(type, listing.id())
                .switchIfEmpty(Mono.error(() -> notFound(type, listing.id())))
                .flatMap(current -> {
                    if (current.version() != expectedVersion) {
                        return Mono.error(conflict(type, current.version()));
                    }
                    return save(
                            type, listing, expectedVersion, current.listing().district());
                })
                .map(saved -> saved.orElseThrow(() -> conflict(type, saved.currentVersion())));
    }

    public <T extends Listing> Mono<Void> delete(ListingType<T> type, String id, long expectedVersion) {
        return find(type, id)
                .switchIfEmpty(Mono.error(() -> notFound(type, id)))
                .flatMap(current -> writes.execute(
                                DELETE,
                                List.of(
                                        key(type, "items"),
                                        key(type, "geo"),
                                        key(type, "order"),
                                        districtKey(type, current.listing().district()),
                                        key(type, "revision"),
                                        key(type, "changes")),
                                List.of(id, Long.toString(expectedVersion)))
                        .single())
                .flatMap(reply -> {
                    Outcome<T> outcome = Outcome.parse(reply, null);
                    return switch (outcome.status()) {
                        case "ok" -> Mono.<Void>empty();
                        case "missing" -> Mono.error(notFound(type, id));
                        default -> Mono.error(conflict(type, outcome.currentVersion()));
                    };
                });
    }

    public <T extends Listing> Mono<ListingPage<T>> page(
            ListingType<T> type, @Nullable String district, long offset, int size) {
        String index = district == null ? key(type, "order") : districtKey(type, district);
        return redis.execute(
                        PAGE,
                        List.of(index, key(type, "items")),
                        List.of(Long.toString(offset), Integer.toString(size), "oldest"),
                        ARGS,
                        UTF8_JSON)
                .single()
                .publishOn(Schedulers.parallel())
                .map(reply -> json.readValue(
                        reply, json.getTypeFactory().constructParametricType(ListingPage.class, type.javaType())));
    }

    /** Every listing of a kind, read in slices (HSCAN), for loading the in-memory index. */
    <T extends Listing> Flux<Versioned<T>> all(ListingType<T> type) {
        JavaType versioned = versioned(type);
        return redis.<String, String>opsForHash()
                .scan(key(type, "items"), ScanOptions.scanOptions().count(1000).build())
                .publishOn(Schedulers.parallel())
                .map(entry -> json.<Versioned<T>>readValue(entry.getValue(), versioned));
    }

    /** What the store holds now for each id; null where it holds nothing (the listing was deleted). */
    <T extends Listing> Mono<Map<String, @Nullable Versioned<T>>> current(ListingType<T> type, List<String> ids) {
        JavaType versioned = versioned(type);
        return redis.<String, String>opsForHash()
                .multiGet(key(type, "items"), ids)
                .publishOn(Schedulers.parallel())
                .map(stored -> {
                    Map<String, @Nullable Versioned<T>> now = new LinkedHashMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        String item = stored.get(i);
                        now.put(ids.get(i), item == null ? null : json.<Versioned<T>>readValue(item, versioned));
                    }
                    return now;
                });
    }

    /** The kind's change log, which every backend's nearby index follows. */
    ChangeLog changes(ListingType<?> type) {
        return new ChangeLog(redis, key(type, "revision"), key(type, "changes"));
    }

    private <T extends Listing> Mono<Outcome<T>> save(
            ListingType<T> type, T listing, long expectedVersion, String oldDistrict) {
        String body = json.writeValueAsString(listing);
        List<String> scriptKeys = List.of(
                key(type, "items"),
                key(type, "geo"),
                key(type, "order"),
                districtKey(type, listing.district()),
                districtKey(type, oldDistrict),
                key(type, "revision"),
                key(type, "changes"));
        List<String> args = List.of(
                listing.id(),
                Long.toString(expectedVersion),
                body,
                Double.toString(listing.location().lng()),
                Double.toString(listing.location().lat()),
                Long.toString(clock.millis()));
        return writes.execute(SAVE, scriptKeys, args).single().map(reply -> Outcome.parse(reply, listing));
    }

    private JavaType versioned(ListingType<?> type) {
        return json.getTypeFactory().constructParametricType(Versioned.class, type.javaType());
    }

    private String key(ListingType<?> type, String name) {
        return keys.key(type.redisTag(), name);
    }

    private String districtKey(ListingType<?> type, String district) {
        return keys.key(type.redisTag(), "district", district);
    }

    private static ApiException notFound(ListingType<?> type, String id) {
        return ApiException.notFound("没有找到编号为 " + id + " 的" + type.label());
    }

    private static ApiException conflict(ListingType<?> type, long currentVersion) {
        return new ApiException(
                ProblemType.VERSION_CONFLICT,
                "该" + type.label() + "已被他人修改(当前版本 " + currentVersion + "),请刷新后再改",
                List.of(),
                Map.of("currentVersion", currentVersion));
    }

    /** Read scripts answer JSON, parsed straight from the reply's UTF-8 bytes: no Java string in between. */

    /** What a write script answered: "ok 3", "conflict 2", "missing 0". */
    private record Outcome<T extends Listing>(
            String status, long currentVersion, @Nullable T listing) {

        static <T extends Listing> Outcome<T> parse(String reply, @Nullable T listing) {
            int space = reply.indexOf(' ');
            return new Outcome<>(reply.substring(0, space), Long.parseLong(reply.substring(space + 1)), listing);
        }

        boolean succeeded() {
            return "ok".equals(status);
        }

        Versioned<T> orElseThrow(java.util.function.Supplier<? extends RuntimeException> error) {
            if (!succeeded()) {
                throw error.get();
            }
            return new Versioned<>(currentVersion, Objects.requireNonNull(listing, "a save names what it saved"));
        }
    }
}
