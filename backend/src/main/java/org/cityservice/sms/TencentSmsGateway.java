package org.cityservice.sms;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.sms.v20210111.SmsClient;
import com.tencentcloudapi.sms.v20210111.models.SendSmsRequest;
import com.tencentcloudapi.sms.v20210111.models.SendStatus;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link SmsGateway} through Tencent Cloud's SDK ({@code SmsClient}, API 2021-01-11): one number per
 * {@code SendSms}, our reference as its {@code SessionContext}. The SDK blocks (OkHttp), so each
 * send runs on a bounded elastic scheduler of its own ({@code app.sms.max-concurrent-sends}
 * threads, like WeChat calls: a survey sweep's burst must not starve other blocking work) and is cut
 * off after {@code app.sms.timeout}. The SDK's own HTTP client keeps at most 5 idle connections, so a
 * burst of more concurrent sends closed and opened a TCP (and in production TLS) connection for most
 * sends (docs/benchmarks.md, the survey sweep); ours keeps one per thread. Logs name the template and
 * Tencent's code, never the number or the text.
 */
@Component
class TencentSmsGateway implements SmsGateway, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TencentSmsGateway.class);
    /** Codes no retry will change: the number, the template or the account is wrong. */
    private static final Set<String> PERMANENT = Set.of(
            "InvalidParameterValue.IncorrectPhoneNumber",
            "FailedOperation.PhoneNumberInBlacklist",
            "FailedOperation.TemplateIncorrectOrUnapproved",
            "FailedOperation.SignatureIncorrectOrUnapproved",
            "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber",
            "FailedOperation.SmsSdkAppIdVerifyFail",
            "AuthFailure.SecretIdNotFound",
            "AuthFailure.SignatureFailure");

    private final SmsClient client;
    private final SmsConnection connection;
    private final SmsProperties properties;
    private final Scheduler sends;

    TencentSmsGateway(SmsConnection connection, SmsProperties properties) {
        this.connection = connection;
        this.properties = properties;
        this.sends = Schedulers.newBoundedElastic(properties.maxConcurrentSends(), 100_000, "sms");
        HttpProfile http = new HttpProfile();
        http.setEndpoint(connection.endpoint());
        http.setProtocol(connection.protocol());
        int seconds = (int) Math.max(1, properties.timeout().toSeconds());
        http.setConnTimeout(seconds);
        http.setReadTimeout(seconds);
        http.setWriteTimeout(seconds);
        http.setHttpClient(new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(properties.maxConcurrentSends(), 5, TimeUnit.MINUTES))
                .connectTimeout(seconds, TimeUnit.SECONDS)
                .readTimeout(seconds, TimeUnit.SECONDS)
                .writeTimeout(seconds, TimeUnit.SECONDS)
                .build());
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        this.client = new SmsClient(
                new Credential(connection.secretId(), connection.secretKey()), properties.region(), profile);
    }

    @Override
    public Mono<String> send(String phone, String template, List<String> params, String reference) {
        String templateId = properties.templates().get(template);
        if (templateId == null) {
            return Mono.error(new SmsException("TemplateNotConfigured", true, "no app.sms.templates." + template));
        }
        SendSmsRequest request = new SendSmsRequest();
        request.setSmsSdkAppId(connection.sdkAppId());
        request.setSignName(properties.signName());
        request.setTemplateId(templateId);
        request.setTemplateParamSet(params.toArray(String[]::new));
        request.setPhoneNumberSet(new String[] {phone.startsWith("+") ? phone : "+86" + phone});
        request.setSessionContext(reference);
        return Mono.fromCallable(() -> client.SendSms(request))
                .subscribeOn(sends)
                .timeout(properties.timeout())
                .onErrorMap(TencentCloudSDKException.class, e -> failed(template, e.getErrorCode(), e.getMessage()))
                .onErrorMap(
                        TimeoutException.class,
                        e -> failed(template, "Timeout", "no answer within " + properties.timeout()))
                .flatMap(response -> {
                    SendStatus[] statuses = response.getSendStatusSet();
                    if (statuses == null || statuses.length == 0) {
                        return Mono.error(failed(template, "EmptyAnswer", "no SendStatusSet"));
                    }
                    SendStatus status = statuses[0];
                    return "Ok".equals(status.getCode())
                            ? Mono.just(status.getSerialNo())
                            : Mono.error(failed(template, status.getCode(), status.getMessage()));
                });
    }

    @Override
    public void destroy() {
        sends.dispose();
    }

    private static SmsException failed(String template, @Nullable String code, @Nullable String message) {
        boolean permanent = code != null && PERMANENT.contains(code);
        log.warn("SMS {} not sent: {} ({})", template, code, permanent ? "permanent" : "may be retried");
        return new SmsException(code == null ? "Unknown" : code, permanent, message);
    }
}
