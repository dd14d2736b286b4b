package org.cityservice.identity;

import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.wechat.WechatException;
import org.cityservice.wechat.WechatGateway;
import org.cityservice.wechat.WechatGateway.TextScene;
import org.cityservice.wechat.WechatGateway.TextVerdict.Suggest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every piece of text a resident writes goes through WeChat's content security check (msg_sec_check
 * v2, with the resident's openid) before we keep it. Risky text is refused with a 422 problem;
 * text WeChat wants reviewed is kept but flagged for staff; and when WeChat cannot be asked, the
 * text is kept and flagged too: our outage never stops a resident from reporting a problem.
 */
@Component
public class ContentCheck {

    private static final Logger log = LoggerFactory.getLogger(ContentCheck.class);

    /** What staff should know about a text that was accepted. */
    public enum Verdict {
        PASSED,
        /** WeChat suggests a person look at it */
        NEEDS_REVIEW,
        /** WeChat could not be asked; a person should look at it */
        UNCHECKED;

        public boolean flagged() {
            return this != PASSED;
        }
    }

    private final WechatGateway wechat;

    ContentCheck(WechatGateway wechat) {
        this.wechat = wechat;
    }

    /**
     * @return the verdict on text that may be kept; fails with a {@code content-rejected} problem
     *         ({@code field} names the form field) when WeChat calls it risky
     */
    public Mono<Verdict> check(Resident author, String field, String text, TextScene scene) {
        return wechat.checkText(author.openid(), scene, text)
                .flatMap(verdict -> verdict.suggest() == Suggest.RISKY
                        ? Mono.<Verdict>error(rejected(field))
                        : Mono.just(verdict.suggest() == Suggest.REVIEW ? Verdict.NEEDS_REVIEW : Verdict.PASSED))
                .onErrorResume(WechatException.class, e -> {
                    log.warn("Content check unavailable (errcode {}); text kept and flagged for review", e.errcode());
                    return Mono.just(Verdict.UNCHECKED);
                });
    }

    private static ApiException rejected(String field) {
        return new ApiException(ProblemType.CONTENT_REJECTED, "您提交的" + field + "包含不适宜公开的内容,请修改后再提交");
    }
}
