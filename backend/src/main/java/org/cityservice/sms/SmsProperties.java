package org.cityservice.sms;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tencent Cloud SMS and our callbacks. With no {@code secretId} set, the backend starts only in
 * local mode ({@code app.local-mode}), with the local SMS stand-in of {@code miniapp-stub} in its place.
 *
 * @param secretId          the API key's SecretId (from the environment, never the repository)
 * @param secretKey         its SecretKey
 * @param sdkAppId          the SMS application's SdkAppId (1400…)
 * @param signName          the approved signature shown as 【…】 before every message
 * @param region            the API region, e.g. {@code ap-guangzhou}
 * @param endpoint          the API host
 * @param protocol          {@code https://}; {@code http://} only for a stand-in on this machine
 * @param maxConcurrentSends how many sends may be under way at once (each holds a thread while it waits)
 * @param timeout           how long one send may take
 * @param templates         our template name → Tencent's template id
 * @param callbackSecret    what Tencent must send in the callback URL ({@code ?secret=}) or the
 *                          {@code X-Callback-Secret} header; unset, callbacks are refused
 * @param localPlatformPort its port on 127.0.0.1; 0 picks a free one
 */
@ConfigurationProperties("app.sms")
public record SmsProperties(
        String secretId,
        String secretKey,
        @DefaultValue("1400000000") String sdkAppId,
        @DefaultValue("城管服务") String signName,
        @DefaultValue("ap-guangzhou") String region,
        @DefaultValue("sms.tencentcloudapi.com") String endpoint,
        @DefaultValue("https://") String protocol,
        @DefaultValue("64") int maxConcurrentSends,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue Map<String, String> templates,
        String callbackSecret,
        @DefaultValue("9913") int localPlatformPort) {}
