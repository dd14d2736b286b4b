package org.cityservice.shared;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Each kind of error the API answers with: a stable machine {@link #code()} clients can switch on,
 * the HTTP status, and a short Chinese title. The specific detail is written where the error
 * happens. docs/errors.md lists them.
 */
public enum ProblemType {
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "validation-failed", "提交的内容有误"),
    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "malformed-json", "请求内容格式错误"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad-request", "请求有误"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "需要身份认证"),
    SIGNATURE_INVALID(HttpStatus.UNAUTHORIZED, "signature-invalid", "签名无效"),
    REQUEST_STALE(HttpStatus.UNAUTHORIZED, "request-stale", "请求已过期"),
    REQUEST_REPLAYED(HttpStatus.CONFLICT, "request-replayed", "重复的请求"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "没有操作权限"),
    FIELD_NOT_EDITABLE(HttpStatus.FORBIDDEN, "field-not-editable", "无权修改这些内容"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "未找到"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "不支持该请求方式"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "无法提供所要求的格式"),
    VERSION_CONFLICT(HttpStatus.CONFLICT, "version-conflict", "数据已被他人修改"),
    ALREADY_EXISTS(HttpStatus.CONFLICT, "already-exists", "已存在"),
    ILLEGAL_TRANSITION(HttpStatus.CONFLICT, "illegal-transition", "当前状态不允许此操作"),
    NOT_FOLLOWABLE(HttpStatus.CONFLICT, "not-followable", "不能附议该诉求"),
    NOT_MERGEABLE(HttpStatus.CONFLICT, "not-mergeable", "不能合并该诉求"),
    ACCOUNT_LOCKED(HttpStatus.LOCKED, "account-locked", "账号已锁定"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "提交过于频繁"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "提交的内容过大"),
    UPLOAD_QUOTA_EXCEEDED(HttpStatus.CONFLICT, "upload-quota-exceeded", "未使用的照片过多"),
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "uri-too-long", "请求地址过长"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large", "请求头过大"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "不支持的内容类型"),
    PRECONDITION_REQUIRED(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "缺少版本号"),
    CONTENT_REJECTED(HttpStatus.UNPROCESSABLE_CONTENT, "content-rejected", "内容未通过安全检查"),
    WECHAT_CODE_INVALID(HttpStatus.BAD_REQUEST, "wechat-code-invalid", "微信授权无效"),
    WECHAT_REFUSED(HttpStatus.BAD_GATEWAY, "wechat-refused", "微信拒绝了该操作"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "服务暂时不可用"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "系统内部错误");

    private final HttpStatus status;
    private final String code;
    private final String title;

    ProblemType(HttpStatus status, String code, String title) {
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** Not meant to be dereferenced: a stable identifier, as RFC 9457 allows. */
    public URI uri() {
        return URI.create("urn:cityservice:problem:" + code);
    }
}
