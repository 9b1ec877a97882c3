package io.aviary.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * What every Aviary web app (command-side, query-side, projections) answers the same way: errors decided outside the
 * controllers as problem+json ({@link ProblemErrorController} instead of Boot's whitelabel error controller, which is
 * why this runs before {@link ErrorMvcAutoConfiguration}; {@link ProblemErrorReports} for Tomcat's own error page;
 * {@link ProblemRequestRejectedHandler} for Spring Security's firewall) and the request body limit
 * ({@link BodySizeLimitFilter}, {@code aviary.http.max-body-size}).
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpLimitsProperties.class)
@Import({ProblemErrorController.class, ProblemErrorReports.class, ProblemRequestRejectedHandler.class,
        BodySizeLimitFilter.class})
public class WebProblemsAutoConfiguration {
}
