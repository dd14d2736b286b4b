package org.cityservice.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at /v3/api-docs and /swagger-ui/index.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI cityServiceApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("城管便民服务 API")
                        .version("v1")
                        .description("Community service stations, vending guidance zones and school-safety posts near "
                                + "residents; staff endpoints under /api/v1/admin. Errors are RFC 9457 problems."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")));
    }
}
