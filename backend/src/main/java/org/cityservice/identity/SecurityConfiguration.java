package org.cityservice.identity;

import java.util.List;
import java.util.Set;
import org.cityservice.shared.Problem;
import org.cityservice.shared.ProblemType;
import org.cityservice.shared.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Reading listings needs no login; a resident's own data needs a resident session token; a staff
 * member's own account needs any staff role; the rest of {@code /api/v1/admin/**} needs ADMIN. A
 * resident token never opens an admin path: it carries role RESIDENT only. Stateless: no server
 * session, no cookies, so no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ADMIN = Caller.Kind.ADMIN.name();
    static final String RESIDENT = Caller.Kind.RESIDENT.name();
    /** The methods the firewall lets through (its default); anything else is a 405. */
    private static final Set<HttpMethod> USUAL_METHODS = Set.of(
            HttpMethod.GET,
            HttpMethod.HEAD,
            HttpMethod.POST,
            HttpMethod.PUT,
            HttpMethod.PATCH,
            HttpMethod.DELETE,
            HttpMethod.OPTIONS);

    static final String[] STAFF = {ADMIN, Caller.Kind.DISPATCHER.name(), Caller.Kind.STATION_STAFF.name()};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http, ReactiveAuthenticationManager adminTokens, ProblemWriter problems) {
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(adminTokens);
        bearer.setServerAuthenticationConverter(new BearerTokenConverter());
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        bearer.setAuthenticationFailureHandler((filterExchange, e) -> problems.write(
                filterExchange.getExchange(),
                Problem.of(ProblemType.UNAUTHORIZED, "登录已失效,请重新登录", path(filterExchange.getExchange()))));
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(rules -> rules.pathMatchers("/api/v1/admin/auth/login")
                        .permitAll()
                        .pathMatchers("/api/v1/admin/me", "/api/v1/admin/me/**")
                        .hasAnyRole(STAFF)
                        // staff keep the listings of their scope current; the listing package checks the scope
                        .pathMatchers(
                                "/api/v1/admin/stations/**",
                                "/api/v1/admin/vending-zones/**",
                                "/api/v1/admin/school-posts/**",
                                "/api/v1/admin/stations",
                                "/api/v1/admin/vending-zones",
                                "/api/v1/admin/school-posts")
                        .hasAnyRole(STAFF)
                        // staff work the cases of their scope; the complaint package checks the scope
                        .pathMatchers("/api/v1/admin/complaints", "/api/v1/admin/complaints/**")
                        .hasAnyRole(STAFF)
                        // and the surveys of their scope; the survey package checks the scope
                        .pathMatchers("/api/v1/admin/surveys", "/api/v1/admin/surveys/**")
                        .hasAnyRole(STAFF)
                        .pathMatchers("/api/v1/admin/**")
                        .hasRole(ADMIN)
                        .pathMatchers(
                                "/api/v1/me",
                                "/api/v1/me/**",
                                "/api/v1/complaints",
                                "/api/v1/complaints/**",
                                "/api/v1/surveys/**")
                        .hasRole(RESIDENT)
                        // residents upload photos of a problem, staff the "after" photos of their work; the photo
                        // controller shows one to its uploader and, once in a case, to its reporter and its staff
                        .pathMatchers("/api/v1/uploads", "/api/v1/uploads/**")
                        .authenticated()
                        .pathMatchers("/api/v1/auth/logout")
                        .authenticated()
                        // WeChat signs its pushes; the controller checks the signature
                        .pathMatchers("/api/v1/wechat/push")
                        .permitAll()
                        // Tencent Cloud SMS callbacks carry a shared secret; the controller checks it
                        .pathMatchers("/api/v1/sms/replies", "/api/v1/sms/reports")
                        .permitAll()
                        // Open311 GeoReport v2: public reads; filing checks the api_key in the open311 controller
                        .pathMatchers("/open311/**")
                        .permitAll()
                        // 12345 hotline orders: signed per platform, checked in the hotline controller
                        .pathMatchers("/hotline/v1/orders")
                        .permitAll()
                        .pathMatchers("/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .pathMatchers("/actuator/**")
                        .hasRole(ADMIN)
                        .anyExchange()
                        .permitAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((exchange, e) -> problems.write(
                                exchange,
                                Problem.of(
                                        ProblemType.UNAUTHORIZED, "请提供访问令牌(Authorization: Bearer …)", path(exchange))))
                        .accessDeniedHandler((exchange, e) -> problems.write(
                                exchange, Problem.of(ProblemType.FORBIDDEN, "您没有权限进行此操作", path(exchange)))))
                .build();
    }

    /**
     * What the security firewall (StrictServerWebExchangeFirewall) refuses before any filter runs —
     * an encoded slash, percent or period, NUL, a semicolon, {@code //} or {@code ..} in the path, a
     * control character in a header, a method such as TRACE — answered as a problem, not its empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler firewallRefusals(ProblemWriter problems) {
        return (exchange, rejected) -> {
            HttpMethod method = exchange.getRequest().getMethod();
            String instance = path(exchange);
            if (!USUAL_METHODS.contains(method)) {
                exchange.getResponse().getHeaders().setAllow(USUAL_METHODS);
                return problems.write(
                        exchange, Problem.of(ProblemType.METHOD_NOT_ALLOWED, "不支持 " + method.name() + " 请求", instance));
            }
            String detail =
                    rejected.getMessage() != null && rejected.getMessage().contains("header")
                            ? "请求头含有不允许的字符,请检查后重试"
                            : "请求地址含有不允许的内容(编码的斜杠 %2F、%25、%2E、%00、分号、连续斜杠或 ..),请检查后重试";
            return problems.write(exchange, Problem.of(ProblemType.BAD_REQUEST, detail, instance));
        };
    }

    /** The bearer is one of our session tokens; the principal is a {@link Caller}. */
    @Bean
    ReactiveAuthenticationManager bearerTokenAuthentication(Sessions sessions) {
        return authentication -> {
            String token = String.valueOf(authentication.getCredentials());
            return sessions.resolve(token)
                    .<Authentication>map(found -> UsernamePasswordAuthenticationToken.authenticated(
                            found,
                            token,
                            List.of(new SimpleGrantedAuthority(found.kind().role()))))
                    .switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown or lapsed token")));
        };
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    /** {@code Authorization: Bearer <token>}; anything else is left to the authorization rules. */
    private static final class BearerTokenConverter implements ServerAuthenticationConverter {

        private static final String PREFIX = "Bearer ";

        @Override
        public Mono<Authentication> convert(ServerWebExchange exchange) {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                return Mono.empty();
            }
            String token = header.substring(PREFIX.length()).trim();
            return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("bearer", token));
        }
    }
}
