package org.cityservice.sms;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Sends an SMS through a provider's template: the provider's template for our {@code template}
 * name ({@code app.sms.templates}), filled with {@code params} in order. The one adapter is
 * {@link TencentSmsGateway}, talking to Tencent Cloud or, on the zero-setup default, to its local
 * stand-in.
 */
public interface SmsGateway {

    /**
     * @param reference our id of what the message is about; the provider keeps it with the message
     * @return the provider's serial number of the message, which its delivery report names; fails with
     *         {@link SmsException} (permanent for a number that cannot be reached, else worth a retry)
     */
    Mono<String> send(String phone, String template, List<String> params, String reference);
}
