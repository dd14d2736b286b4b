package org.cityservice.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.cityservice.redis.RedisOutage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one place an exception becomes an answer: every error, from a controller, a codec or a
 * filter, leaves as an RFC 9457 problem with a stable code and a Chinese detail. Runs before Boot's
 * own error handler (order -1).
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;
    private final DataSize bodyLimit;

    ProblemExceptionHandler(
            ProblemWriter writer, @Value("${spring.http.codecs.max-in-memory-size:1MB}") DataSize bodyLimit) {
        this.writer = writer;
        this.bodyLimit = bodyLimit;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        String instance = exchange.getRequest().getPath().value();
        Problem problem = toProblem(error, instance);
        if (problem.status() >= 500 && error instanceof ApiException) {
            // a refusal or outage we raised ourselves (WeChat down, busy or slow): logged where it was raised
            log.warn(
                    "{} {} failed: {} ({})",
                    exchange.getRequest().getMethod(),
                    instance,
                    problem.code(),
                    problem.detail());
        } else if (problem.status() >= 500) {
            log.error("{} {} failed: {}", exchange.getRequest().getMethod(), instance, problem.code(), error);
        } else {
            log.debug(
                    "{} {} refused: {} {}",
                    exchange.getRequest().getMethod(),
                    instance,
                    problem.code(),
                    problem.detail());
        }
        return writer.write(exchange, problem);
    }

    Problem toProblem(Throwable error, String instance) {
        if (causedBy(error, DataBufferLimitException.class)) {
            return Problem.of(RequestSizeLimit.tooLarge(bodyLimit), instance);
        }
        if (error instanceof ApiException api) {
            return Problem.of(api, instance);
        }
        if (error instanceof WebExchangeBindException bind) {
            return Problem.of(ApiException.invalid(violations(bind)), instance);
        }
        if (error instanceof ServerWebInputException input) {
            return Problem.of(inputProblem(input), instance);
        }
        if (causedBy(error, DecodingException.class)) {
            // a body a codec could not read, met outside argument resolution (a part of a multipart body read lazily)
            return Problem.of(ProblemType.BAD_REQUEST, "请求内容无法解析,请检查格式后重试", instance);
        }
        if (error instanceof UnsupportedMediaTypeStatusException) {
            return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "请以 application/json 格式提交", instance);
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            return Problem.of(ProblemType.METHOD_NOT_ALLOWED, "该地址不支持 " + notAllowed.getHttpMethod() + " 请求", instance);
        }
        if (error instanceof NotAcceptableStatusException) {
            return Problem.of(ProblemType.NOT_ACCEPTABLE, "该地址只提供 JSON 格式的内容", instance);
        }
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().value() == 404) {
            return Problem.of(ProblemType.NOT_FOUND, "没有这个地址:" + instance, instance);
        }
        if (error instanceof AuthenticationException) {
            return Problem.of(ProblemType.UNAUTHORIZED, "请提供有效的访问令牌", instance);
        }
        if (error instanceof AccessDeniedException) {
            return Problem.of(ProblemType.FORBIDDEN, "您没有权限进行此操作", instance);
        }
        if (RedisOutage.causes(error)) {
            // a failover of a Redis Cluster is over in seconds; a client that waits this long usually gets through
            return Problem.of(
                    new ApiException(
                            ProblemType.SERVICE_UNAVAILABLE,
                            "数据服务暂时不可用,请稍后再试",
                            List.of(),
                            Map.of(ProblemWriter.RETRY_AFTER, 2L)),
                    instance);
        }
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().is4xxClientError()) {
            return Problem.of(ProblemType.BAD_REQUEST, "请求有误", instance);
        }
        return Problem.of(ProblemType.INTERNAL_ERROR, "系统出现错误,请稍后再试", instance);
    }

    private ApiException inputProblem(ServerWebInputException input) {
        if (input instanceof MissingRequestValueException missing) {
            return ApiException.invalid(List.of(new FieldViolation(missing.getName(), "不能为空")));
        }
        Throwable cause = input.getCause();
        if (cause instanceof TypeMismatchException mismatch) {
            return ApiException.invalid(List.of(new FieldViolation(
                    parameterName(input.getMethodParameter(), mismatch), expectation(mismatch.getRequiredType()))));
        }
        if (cause instanceof DecodingException decoding) {
            return bodyProblem(decoding);
        }
        if (input.getMethodParameter() == null && cause == null) {
            // no body at all where one is required
            return new ApiException(ProblemType.MALFORMED_JSON, "请求内容不能为空");
        }
        return new ApiException(ProblemType.BAD_REQUEST, "请求有误,请检查后重试");
    }

    private ApiException bodyProblem(DecodingException decoding) {
        Throwable cause = decoding.getCause();
        if (cause instanceof DatabindException bind && !(cause instanceof StreamReadException)) {
            String field = path(bind);
            InvalidValueException ours = findCause(bind, InvalidValueException.class);
            String message = ours != null && ours.getMessage() != null
                    ? ours.getMessage()
                    : bind instanceof MismatchedInputException mismatch
                            ? expectation(mismatch.getTargetType())
                            : "格式不正确";
            return ApiException.invalid(List.of(new FieldViolation(field.isEmpty() ? "body" : field, message)));
        }
        return new ApiException(ProblemType.MALFORMED_JSON, "请求内容不是有效的 JSON,请检查括号、引号和逗号");
    }

    private static List<FieldViolation> violations(WebExchangeBindException bind) {
        return bind.getFieldErrors().stream()
                .map(ProblemExceptionHandler::violation)
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
    }

    private static FieldViolation violation(FieldError error) {
        return new FieldViolation(error.getField(), Objects.requireNonNullElse(error.getDefaultMessage(), "格式不正确"));
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String parameterName(@Nullable MethodParameter parameter, TypeMismatchException mismatch) {
        if (parameter != null) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null && !annotation.name().isEmpty()) {
                return annotation.name();
            }
            if (parameter.getParameterName() != null) {
                return parameter.getParameterName();
            }
        }
        return mismatch.getPropertyName() != null ? mismatch.getPropertyName() : "参数";
    }

    private static String expectation(@Nullable Class<?> type) {
        if (type == null) {
            return "格式不正确";
        }
        if (type.isEnum()) {
            return "取值无效,可选值:"
                    + Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "应为整数";
        }
        if (type == Double.class || type == double.class) {
            return "应为数字";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "应为 true 或 false";
        }
        return "格式不正确";
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return findCause(error, type) != null;
    }

    private static <T extends Throwable> @Nullable T findCause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
