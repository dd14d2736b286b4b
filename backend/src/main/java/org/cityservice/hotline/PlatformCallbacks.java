package org.cityservice.hotline;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cityservice.complaint.PlatformOutbox;
import org.cityservice.complaint.PlatformUpdate;
import org.cityservice.shared.TimeConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the steps of platform cases back to their platforms from the cases' outboxes ({@link PlatformOutbox}): each
 * case's oldest update, signed as the platform signs its orders, until the platform acknowledges it with
 * {@code {"code":0}}; then the case's next one. A failure leaves the update in front and the case waits
 * {@code app.hotline.first-retry}, doubled per further failure up to {@code max-retry}; other cases go on meanwhile.
 * Every instance may run this: a case's update is leased to one sender at a time.
 */
@Component
class PlatformCallbacks {

    private static final Logger log = LoggerFactory.getLogger(PlatformCallbacks.class);
    static final int BATCH = 100;
    /** Updates of one case sent in one run: a case with a long backlog does not hold the run. */
    private static final int PER_CASE = 20;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(TimeConfiguration.SHANGHAI);

    private final PlatformOutbox outbox;
    private final HotlineGate gate;
    private final HotlinePlatforms platforms;
    private final HotlineProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final WebClient web;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    PlatformCallbacks(
            PlatformOutbox outbox,
            HotlineGate gate,
            HotlinePlatforms platforms,
            HotlineProperties properties,
            JsonMapper json,
            Clock clock,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.gate = gate;
        this.meters = meters;
        this.platforms = platforms;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                                properties.callbackTimeout().toMillis())
                        .responseTimeout(properties.callbackTimeout())))
                .build();
    }

    /** Sends what is due; how many updates the platforms acknowledged. */
    Mono<Long> sendDue() {
        return outbox.due(clock.instant(), BATCH)
                .flatMap(trackingNo -> sendCase(trackingNo, 0), 8)
                .reduce(0L, Long::sum);
    }

    /** The case's updates in order while the platform acknowledges them. */
    private Mono<Long> sendCase(String trackingNo, int sent) {
        if (sent == PER_CASE) {
            return Mono.just((long) sent);
        }
        Instant now = clock.instant();
        return outbox.claim(trackingNo, now, now.plus(properties.lease()))
                .flatMap(claimed ->
                        deliver(claimed).flatMap(ok -> ok ? sendCase(trackingNo, sent + 1) : Mono.just((long) sent)))
                .defaultIfEmpty((long) sent);
    }

    private Mono<Boolean> deliver(PlatformOutbox.Claimed claimed) {
        PlatformUpdate update = claimed.update();
        HotlineProperties.Platform platform = platforms.find(update.platform());
        if (platform == null) {
            return failed(claimed, "平台 " + update.platform() + " 未配置(app.hotline.platforms)");
        }
        byte[] body = json.writeValueAsBytes(callback(update));
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce();
        Mono<String> sent = web.post()
                .uri(platform.callbackUrl())
                .contentType(MediaType.APPLICATION_JSON)
                .header(HotlineSignature.PLATFORM, platform.id())
                .header(HotlineSignature.TIMESTAMP, timestamp)
                .header(HotlineSignature.NONCE, nonce)
                .header(HotlineSignature.SIGNATURE, HotlineSignature.sign(platform.secret(), timestamp, nonce, body))
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(answer -> acknowledged(response.statusCode().is2xxSuccessful(), answer)
                                ? ""
                                : "HTTP " + response.statusCode().value() + " " + abbreviate(answer)))
                // the whole exchange, a slow trickle of an answer included, ends well inside the lease
                .timeout(properties.callbackTimeout())
                .onErrorResume(e ->
                        Mono.just(e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage()))));
        // our nonce is taken as the platform's would be: a callback captured and sent to our intake is a replay
        return gate.remember(platform.id(), nonce)
                .then(sent)
                .flatMap(error -> error.isEmpty()
                        ? outbox.delivered(update, clock.instant())
                                .doOnNext(taken -> {
                                    count(update, "acknowledged");
                                    log.info(
                                            "Hotline callback {} {} of {} acknowledged",
                                            update.id(),
                                            update.step(),
                                            update.orderId());
                                })
                                .thenReturn(true)
                        : failed(claimed, error));
    }

    private Mono<Boolean> failed(PlatformOutbox.Claimed claimed, String error) {
        PlatformUpdate update = claimed.update();
        Instant now = clock.instant();
        int tries = claimed.tries() + 1;
        count(update, "failed");
        Instant next = now.plus(properties.backoff(tries)).truncatedTo(ChronoUnit.MILLIS);
        if (tries == properties.stuckAfterTries()) {
            log.warn(
                    "Hotline callback {} ({} of order {}) failed {} times, now stuck until the platform answers: {}",
                    update.id(),
                    update.step(),
                    update.orderId(),
                    tries,
                    error);
        } else {
            log.info("Hotline callback {} failed (try {}), next at {}: {}", update.id(), tries, next, error);
        }
        return outbox.failed(claimed, error, now, next).thenReturn(false);
    }

    private void count(PlatformUpdate update, String outcome) {
        meters.counter("cityservice.hotline.callbacks", "step", update.step().name(), "outcome", outcome)
                .increment();
    }

    private boolean acknowledged(boolean ok, String answer) {
        if (!ok) {
            return false;
        }
        try {
            JsonNode code = json.readTree(answer).get("code");
            return code != null && code.isNumber() && code.asInt() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The wire form (docs/hotline.md): times in Asia/Shanghai, absent fields left out. */
    private Map<String, Object> callback(PlatformUpdate update) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callbackId", update.id());
        body.put("orderId", update.orderId());
        body.put("trackingNo", update.trackingNo());
        body.put("step", update.step().name());
        body.put("at", TIME.format(update.at()));
        if (update.text() != null) {
            body.put("text", update.text());
        }
        if (update.unit() != null) {
            body.put("unit", update.unit());
        }
        if (update.survey() != null) {
            Map<String, Object> survey = new LinkedHashMap<>();
            survey.put("result", update.survey().result());
            survey.put("label", update.survey().label());
            if (update.survey().solved() != null) {
                survey.put("solved", update.survey().solved());
            }
            body.put("survey", survey);
        }
        return body;
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
