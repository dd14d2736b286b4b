package org.cityservice.shared;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Validation messages in Chinese whatever the JVM's or the client's locale: residents read them.
 * Hibernate Validator ships the zh_CN bundle; we only pin the locale.
 */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    @Bean
    LocalValidatorFactoryBean defaultValidator() {
        MessageInterpolator standard =
                Validation.byDefaultProvider().configure().getDefaultMessageInterpolator();
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setMessageInterpolator(new ChineseMessageInterpolator(standard));
        return validator;
    }

    private record ChineseMessageInterpolator(MessageInterpolator delegate) implements MessageInterpolator {

        @Override
        public String interpolate(String template, Context context) {
            return delegate.interpolate(template, context, Locale.SIMPLIFIED_CHINESE);
        }

        @Override
        public String interpolate(String template, Context context, Locale ignored) {
            return delegate.interpolate(template, context, Locale.SIMPLIFIED_CHINESE);
        }
    }
}
