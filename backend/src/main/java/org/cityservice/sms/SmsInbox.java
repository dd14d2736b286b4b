package org.cityservice.sms;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What comes back from residents' phones through the provider, handed to the feature that waits for
 * it (surveys); implemented where the data lives. Each callback reaches it once: provider retries are
 * dropped before ({@link SmsCallbackController}).
 */
public interface SmsInbox {

    /** A resident's text, from their number (11 digits, no country code). */
    Mono<Void> reply(Reply reply);

    /** Whether a message reached the phone; {@code serialNo} as {@link SmsGateway#send} returned it. */
    Mono<Void> report(Report report);

    record Reply(String phone, String text, Instant at) {}

    record Report(
            String serialNo,
            String phone,
            boolean delivered,
            String errmsg,
            @Nullable Instant at) {}
}
