package org.cityservice.shared;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.module.SimpleModule;

/**
 * Jackson 3 leaves properties without {@code @JsonView} out of any view; we want the Jackson 2
 * behaviour, where only the properties marked for another view are left out. Every text read is
 * cleaned ({@link CleanText}).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer jsonRules() {
        return builder -> builder.enable(MapperFeature.DEFAULT_VIEW_INCLUSION)
                .addModule(new SimpleModule("clean-text").addDeserializer(String.class, new CleanText()));
    }
}
