package org.cityservice.wechat;

import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;

/**
 * WeChat said no, or could not be reached. Carries WeChat's {@code errcode} (0 when WeChat never
 * answered) and is answered as a problem the resident can act on; the platform's own message is for
 * our logs only.
 */
public final class WechatException extends ApiException {

    public static final int BUSY = -1;
    public static final int INVALID_CODE = 40029;
    public static final int CODE_USED = 40163;
    public static final int NO_SUBSCRIBE_GRANT = 43101;
    public static final int TEMPLATE_DATA_INVALID = 47003;

    private final int errcode;

    private WechatException(ProblemType type, String detail, int errcode) {
        super(type, detail);
        this.errcode = errcode;
    }

    static WechatException of(int errcode) {
        return switch (errcode) {
            case INVALID_CODE, CODE_USED ->
                new WechatException(ProblemType.WECHAT_CODE_INVALID, "微信授权已失效或已使用,请重新操作一次", errcode);
            case BUSY -> unavailable(errcode);
            default -> new WechatException(ProblemType.WECHAT_REFUSED, "微信未能完成该操作(错误码 " + errcode + "),请稍后再试", errcode);
        };
    }

    static WechatException unavailable(int errcode) {
        return new WechatException(ProblemType.SERVICE_UNAVAILABLE, "微信服务暂时不可用,请稍后再试", errcode);
    }

    public int errcode() {
        return errcode;
    }
}
