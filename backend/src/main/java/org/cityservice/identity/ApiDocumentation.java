package org.cityservice.identity;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import java.util.List;
import org.cityservice.shared.Problem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Declares in the API description what each operation may answer besides success, so a client
 * generated from it handles the problems: 400 where it takes parameters or a body, 401 and 403 where
 * it needs a session token (marked with the bearer scheme) or, for the WeChat and SMS callbacks, a
 * signature or shared secret, 404 where the path names something, and every other refusal (409, 413, 415, 422, 429, 503)
 * as the default answer, all {@code application/problem+json}. Which paths need a token mirrors
 * {@link SecurityConfiguration}; ApiDocumentationTest holds the two together.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    private static final PathPatternParser PARSER = new PathPatternParser();
    private static final List<PathPattern> BEARER = patterns(
            "/api/v1/admin/**",
            "/api/v1/me",
            "/api/v1/me/**",
            "/api/v1/complaints",
            "/api/v1/complaints/**",
            "/api/v1/surveys/**",
            "/api/v1/uploads",
            "/api/v1/uploads/**",
            "/api/v1/auth/logout");
    private static final List<PathPattern> OPEN = patterns("/api/v1/admin/auth/login");
    /** Pushes from WeChat (signed) and Tencent Cloud SMS (a shared secret): no token, but refused without their proof. */
    private static final List<PathPattern> CALLBACKS = patterns("/api/v1/sms/**", "/api/v1/wechat/push");

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String OPEN311 = "/open311/";

    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            api.getComponents()
                    .addSchemas("Problem", ModelConverters.getInstance().readAllAsResolvedSchema(Problem.class).schema);
            api.getPaths()
                    .forEach((path, item) -> item.readOperations().forEach(operation -> describe(path, operation)));
        };
    }

    private static void describe(String path, Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (path.startsWith(OPEN311)) {
            describeOpen311(path, operation, responses);
            return;
        }
        if ((operation.getParameters() != null && !operation.getParameters().isEmpty())
                || operation.getRequestBody() != null) {
            responses.putIfAbsent("400", problem("请求参数或内容有误(validation-failed 等)"));
        }
        if (matches(BEARER, path) && !matches(OPEN, path)) {
            operation.setSecurity(List.of(new SecurityRequirement().addList("bearer")));
            responses.putIfAbsent("401", problem("没有或已失效的访问令牌(unauthorized)"));
            responses.putIfAbsent("403", problem("令牌的角色或范围不允许(forbidden)"));
        } else if (matches(CALLBACKS, path)) {
            responses.putIfAbsent("401", problem("回调的签名或共享密钥不符(unauthorized)"));
        }
        if (path.contains("{")) {
            responses.putIfAbsent("404", problem("不存在,或不在调用者的范围内(not-found)"));
        }
        responses.putIfAbsent("default", problem("其他拒绝,如 409 冲突、413 过大、415 类型不支持、422 内容未通过检查、429 过于频繁、503 暂不可用"));
    }

    /**
     * GeoReport v2 answers in its own formats: success as JSON or XML by the path's extension, every error as the
     * spec's {@code [{code, description}]} or {@code <errors>} (docs/open311.md): 400, 403 (api_key), 404, 429.
     */
    private static void describeOpen311(String path, Operation operation, ApiResponses responses) {
        ApiResponse ok = responses.get("200") != null ? responses.get("200") : new ApiResponse().description("OK");
        ok.setContent(new Content()
                .addMediaType("application/json", new MediaType().schema(new Schema<>().type("array")))
                .addMediaType("text/xml", new MediaType().schema(new Schema<>().type("string"))));
        responses.put("200", ok.description(ok.getDescription() == null ? "OK" : ok.getDescription()));
        responses.putIfAbsent("400", open311Error("the request is invalid: one error per bad field"));
        responses.putIfAbsent(
                "404",
                open311Error("no such service or service request, an unknown format, or another jurisdiction_id"));
        responses.putIfAbsent("default", open311Error("429 over the api_key's hourly limit, 5xx"));
    }

    private static ApiResponse open311Error(String description) {
        Schema<?> errors = new Schema<>()
                .type("array")
                .items(new Schema<>()
                        .type("object")
                        .addProperty("code", new Schema<>().type("integer"))
                        .addProperty("description", new Schema<>().type("string")));
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType("application/json", new MediaType().schema(errors))
                        .addMediaType("text/xml", new MediaType().schema(new Schema<>().type("string"))));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }

    private static boolean matches(List<PathPattern> patterns, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return patterns.stream().anyMatch(pattern -> pattern.matches(container));
    }

    private static List<PathPattern> patterns(String... paths) {
        return Arrays.stream(paths).map(PARSER::parse).toList();
    }
}
