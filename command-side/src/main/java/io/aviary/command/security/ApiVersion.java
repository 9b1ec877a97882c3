package io.aviary.command.security;

import org.springframework.boot.info.BuildProperties;

/** The project version the API document states, from the first of the build's sources that has it. */
final class ApiVersion {

    private ApiVersion() {
    }

    /**
     * @param build    Spring Boot's build info, if the build generated it
     * @param filtered the version Maven wrote into application.yml ({@code @project.version@} if unfiltered)
     * @param anchor   a class of the application, whose jar manifest may name the version
     */
    static String of(BuildProperties build, String filtered, Class<?> anchor) {
        if (build != null && build.getVersion() != null) {
            return build.getVersion();
        }
        if (filtered != null && !filtered.isBlank() && !filtered.contains("@")) {
            return filtered;
        }
        String manifest = anchor.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
