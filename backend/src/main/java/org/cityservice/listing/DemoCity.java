package org.cityservice.listing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.cityservice.redis.EmbeddedRedisServer;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.StartupRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo city (焦作, five districts) into an empty store, once. Every demo listing is
 * marked {@code demo: true}. Idempotent: items are inserted only where their id is free, and a
 * marker records that the city was loaded, so deleting demo places later does not bring them back.
 * A store that already holds listings of its own is never seeded.
 */
@Component
class DemoCity implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCity.class);
    private static final String LOADING = "loading";

    record Content(
            List<CommunityStation> stations, List<VendingZone> vendingZones, List<SchoolSafetyPost> schoolPosts) {}

    private final DemoDataProperties properties;
    private final ObjectProvider<EmbeddedRedisServer> embedded;
    private final ListingStore store;
    private final ListingIndex index;
    private final ReactiveStringRedisTemplate redis;
    private final String marker;
    private final JsonMapper json;
    private final StartupRetry startup;

    DemoCity(
            DemoDataProperties properties,
            ObjectProvider<EmbeddedRedisServer> embedded,
            ListingStore store,
            ListingIndex index,
            ReactiveStringRedisTemplate redis,
            RedisKeys keys,
            JsonMapper json,
            StartupRetry startup) {
        this.startup = startup;
        this.properties = properties;
        this.embedded = embedded;
        this.store = store;
        this.index = index;
        this.redis = redis;
        this.marker = keys.key("demo", "state");
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean wanted = switch (properties.mode()) {
            case ALWAYS -> true;
            case EMBEDDED_ONLY -> embedded.getIfAvailable() != null;
            case OFF -> false;
        };
        if (wanted) {
            // a slow or loading Redis is waited for (readiness stays DOWN meanwhile) rather than failing the start
            startup.retrying("Demo city", seed()).block();
        }
    }

    /** @return how many listings were inserted */
    Mono<Long> seed() {
        byte[] file = read();
        String done = "loaded:" + sha256(file);
        return redis.opsForValue().get(marker).defaultIfEmpty("").flatMap(state -> {
            if (state.startsWith("loaded:")) {
                log.info("Demo city already loaded ({}); not loading it again", state);
                return Mono.just(0L);
            }
            Mono<Boolean> mayLoad = LOADING.equals(state)
                    ? Mono.just(true) // resume after a crash mid-load
                    : isEmpty()
                            .flatMap(empty ->
                                    empty ? redis.opsForValue().setIfAbsent(marker, LOADING) : Mono.just(false));
            return mayLoad.flatMap(load -> {
                if (!load) {
                    log.info("Store already holds listings; demo city not loaded");
                    return Mono.just(0L);
                }
                Content city = json.readValue(file, Content.class);
                return insert(city)
                        .flatMap(count -> redis.opsForValue().set(marker, done).thenReturn(count))
                        .flatMap(count -> index.catchUp().thenReturn(count))
                        .doOnNext(count -> log.info("Demo city loaded: {} listings (marked demo)", count));
            });
        });
    }

    private Mono<Boolean> isEmpty() {
        return Flux.concat(
                        store.count(ListingType.STATION),
                        store.count(ListingType.VENDING_ZONE),
                        store.count(ListingType.SCHOOL_POST))
                .reduce(0L, Long::sum)
                .map(total -> total == 0);
    }

    private Mono<Long> insert(Content city) {
        return Flux.concat(
                        Flux.fromIterable(city.stations()).concatMap(s -> store.insertIfAbsent(ListingType.STATION, s)),
                        Flux.fromIterable(city.vendingZones())
                                .concatMap(z -> store.insertIfAbsent(ListingType.VENDING_ZONE, z)),
                        Flux.fromIterable(city.schoolPosts())
                                .concatMap(p -> store.insertIfAbsent(ListingType.SCHOOL_POST, p)))
                .filter(Boolean::booleanValue)
                .count();
    }

    private byte[] read() {
        try (InputStream in = properties.location().getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo city from " + properties.location(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
