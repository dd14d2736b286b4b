package org.cityservice.survey;

import java.time.Duration;
import java.time.Instant;
import org.cityservice.shared.QuietHours;
import org.cityservice.sms.SmsException;
import org.cityservice.sms.SmsGateway;
import org.cityservice.survey.SurveyShards.Shard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the SMS queued in answer to residents' replies ({@link ReplyMessage}), each claimed with a
 * lease as surveys are: they were queued due at the end of quiet hours when the reply came at
 * night. A message the provider refuses for good is dropped (logged); an outage leaves it claimed
 * until its lease brings it back.
 */
@Component
class ReplyMessages {

    private static final Logger log = LoggerFactory.getLogger(ReplyMessages.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 100;
    static final int MAX_ATTEMPTS = 10;

    private final SurveyStore store;
    private final SurveyShards shards;
    private final SmsGateway sms;
    private final QuietHours quietHours;

    ReplyMessages(SurveyStore store, SurveyShards shards, SmsGateway sms, QuietHours quietHours) {
        this.store = store;
        this.shards = shards;
        this.sms = sms;
        this.quietHours = quietHours;
    }

    /** How many went (or were given up); none in quiet hours, even one put back after a failed send. */
    Mono<Long> sweep(Instant now) {
        if (quietHours.quiet(now)) {
            return Mono.just(0L);
        }
        Instant leaseEnd = now.plus(LEASE);
        return Flux.fromIterable(shards.all())
                .concatMap(shard -> store.claimReplies(shard, now, leaseEnd, BATCH)
                        .flatMap(
                                message -> store.replyAttempt(shard, message.id())
                                        .flatMap(attempt -> attempt > MAX_ATTEMPTS
                                                ? giveUp(shard, message, leaseEnd)
                                                : send(shard, message, leaseEnd)),
                                8)
                        // one shard that cannot be reached holds up none of the others
                        .onErrorResume(error -> {
                            log.warn(
                                    "SMS in answer to replies of {} not claimed now: {}",
                                    shard.tag(),
                                    error.toString());
                            return Mono.empty();
                        }))
                .count();
    }

    private Mono<ReplyMessage> send(Shard shard, ReplyMessage message, Instant leaseEnd) {
        return sms.send(message.phone(), message.template(), message.params(), message.id())
                .then(store.replyDone(shard, message.id(), leaseEnd))
                .thenReturn(message)
                .onErrorResume(
                        SmsException.class,
                        e -> e.permanent()
                                ? store.replyDone(shard, message.id(), leaseEnd)
                                        .then(Mono.fromRunnable(
                                                () -> log.warn("SMS {} dropped: {}", message.id(), e.code())))
                                        .thenReturn(message)
                                : Mono.error(e))
                .onErrorResume(error -> {
                    log.warn("SMS {} not sent now, its lease brings it back: {}", message.id(), error.toString());
                    return Mono.empty();
                });
    }

    /** One that failed {@value #MAX_ATTEMPTS} times, each a lease apart, is dropped (logged), not tried for ever. */
    private Mono<ReplyMessage> giveUp(Shard shard, ReplyMessage message, Instant leaseEnd) {
        log.warn("SMS {} given up after {} failed tries", message.id(), MAX_ATTEMPTS);
        return store.replyDone(shard, message.id(), leaseEnd).thenReturn(message);
    }
}
