package org.cityservice.sms;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Sends an SMS through a provider's template: the provider's template for our {@code template}
 * name, filled with {@code params} in order. The survey issue adds the Tencent Cloud adapter and
 * its local stand-in; until then {@link OutboxSmsGateway} keeps what would be sent.
 */
public interface SmsGateway {

    /** @param reference our id of what the message is about (sent back with replies and delivery reports) */
    Mono<Void> send(String phone, String template, List<String> params, String reference);
}
