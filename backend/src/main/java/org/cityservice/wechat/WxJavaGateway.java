package org.cityservice.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import me.chanjar.weixin.common.error.WxErrorException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link WechatGateway} through WxJava. Every WxJava call blocks (HTTP, its retry sleeps, the Redis
 * lock around token refreshes), so each runs on a bounded elastic scheduler of its own, never on a
 * Netty thread, and is cut off after {@code app.wechat.timeout}. Its own, because a content check
 * waits on WeChat for every submission: on the shared {@code boundedElastic} (ten threads a core)
 * those waits capped submissions, and a slow WeChat would starve file and object-store I/O. Logs name the call and WeChat's errcode, never
 * a code, openid, session key or phone number.
 */
@Component
class WxJavaGateway implements WechatGateway, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WxJavaGateway.class);
    /** Calls waiting for a thread beyond this are refused at once rather than queued without end. */
    private static final int QUEUE = 10_000;

    private final WxMaService wx;
    private final WechatProperties properties;
    private final Scheduler calls;

    WxJavaGateway(WxMaService wx, WechatProperties properties) {
        this.wx = wx;
        this.properties = properties;
        this.calls = Schedulers.newBoundedElastic(properties.maxConcurrentCalls(), QUEUE, "wechat");
    }

    @Override
    public void destroy() {
        calls.dispose();
    }

    @Override
    public Mono<WechatIdentity> login(String code) {
        return call("jscode2session", () -> {
            var session = wx.getUserService().getSessionInfo(code);
            return new WechatIdentity(session.getOpenid(), blankToNull(session.getUnionid()));
        });
    }

    @Override
    public Mono<String> phoneNumber(String code) {
        return call(
                "getuserphonenumber",
                () -> wx.getUserService().getPhoneNoInfo(code).getPurePhoneNumber());
    }

    @Override
    public Mono<Void> sendSubscribeMessage(String openid, String templateId, String page, Map<String, String> data) {
        List<WxMaSubscribeMessage.MsgData> fields = new ArrayList<>();
        data.forEach((name, value) -> fields.add(new WxMaSubscribeMessage.MsgData(name, value)));
        WxMaSubscribeMessage message = new WxMaSubscribeMessage();
        message.setToUser(openid);
        message.setTemplateId(templateId);
        message.setPage(page);
        message.setData(fields);
        message.setLang("zh_CN");
        return call("subscribe/send", () -> {
                    wx.getMsgService().sendSubscribeMsg(message);
                    return Boolean.TRUE;
                })
                .then();
    }

    @Override
    public Mono<TextVerdict> checkText(@Nullable String openid, TextScene scene, String text) {
        WxMaMsgSecCheckCheckRequest request = WxMaMsgSecCheckCheckRequest.builder()
                .version("2")
                .openid(openid)
                .scene(scene.code())
                .content(text)
                .build();
        return call("msg_sec_check", () -> {
            WxMaMsgSecCheckCheckResponse response = wx.getSecurityService().checkMessage(request);
            var result = response.getResult();
            String suggest = result == null || result.getSuggest() == null ? "review" : result.getSuggest();
            return new TextVerdict(
                    TextVerdict.Suggest.valueOf(suggest.toUpperCase(Locale.ROOT)),
                    result == null ? null : result.getLabel());
        });
    }

    /**
     * A call that outlives its timeout still finishes on its thread; its failure is caught as a value
     * so that Reactor does not log it as a dropped error (with whatever WxJava put in the message).
     */
    private <T> Mono<T> call(String what, Callable<T> call) {
        return Mono.fromCallable(() -> Attempt.of(call))
                .subscribeOn(calls)
                .timeout(properties.timeout())
                .onErrorMap(error -> translate(what, error))
                .flatMap(attempt -> attempt.error() != null
                        ? Mono.error(translate(what, attempt.error()))
                        : attempt.value() == null
                                ? Mono.error(translate(what, new IllegalStateException("an answer without data")))
                                : Mono.just(attempt.value()));
    }

    private record Attempt<T>(@Nullable T value, @Nullable Throwable error) {

        static <T> Attempt<T> of(Callable<T> call) {
            try {
                return new Attempt<>(call.call(), null);
            } catch (Exception e) {
                return new Attempt<>(null, e);
            }
        }
    }

    private static WechatException translate(String what, Throwable error) {
        if (error instanceof WxErrorException wx) {
            int errcode = wx.getError().getErrorCode();
            log.warn(
                    "WeChat {} answered errcode {} ({})",
                    what,
                    errcode,
                    wx.getError().getErrorMsg());
            return WechatException.of(errcode);
        }
        if (error instanceof TimeoutException) {
            log.warn("WeChat {} did not answer in time", what);
        } else {
            log.warn("WeChat {} failed: {}", what, error.toString());
        }
        return WechatException.unavailable(0);
    }

    private static @Nullable String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
