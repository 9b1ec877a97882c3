package io.aviary.infra;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(EmbeddedStackExtension.class)}: the test class runs with {@link EmbeddedStack#shared()}
 * started (once per JVM; stopped by its shutdown hook, not by this extension), and may take an
 * {@link EmbeddedStack} parameter in its constructor or methods.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        EmbeddedStack.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return EmbeddedStack.shared();
    }
}
