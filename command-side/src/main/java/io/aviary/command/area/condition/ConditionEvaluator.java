package io.aviary.command.area.condition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

import java.util.Map;

/**
 * Evaluates a condition ({@link Conditions}) on an action's output, in the orchestrator: a
 * {@link SimpleEvaluationContext} with one read-only map accessor (no types, no methods, no beans, no writes), the
 * root object {@code {output: <action output>}}. A condition that cannot be evaluated on this output (e.g. comparing
 * a missing value with a number, or a result that is not a boolean) does not hold, and says why in the log.
 */
public final class ConditionEvaluator {

    private static final Logger log = LoggerFactory.getLogger(ConditionEvaluator.class);

    private final EvaluationContext context = SimpleEvaluationContext
            .forPropertyAccessors(new ReadOnlyMapAccessor())
            .build();

    /** Whether {@code condition} holds on {@code output}; an empty condition always holds. */
    public boolean holds(String condition, Map<String, Object> output) {
        SpelExpression expression;
        try {
            expression = Conditions.parse(condition);
        } catch (InvalidConditionException e) {
            // Checked when the AREA was defined; only a stored definition from an older, laxer version gets here.
            log.warn("Condition '{}' is not valid any more ({}): it does not hold", condition, e.getMessage());
            return false;
        }
        if (expression == null) {
            return true;
        }
        try {
            Object value = expression.getValue(context, Map.of(Conditions.ROOT, output == null ? Map.of() : output));
            if (value instanceof Boolean holds) {
                return holds;
            }
            log.info("Condition '{}' gave {} rather than true or false: it does not hold", condition,
                    value == null ? "null" : value.getClass().getSimpleName());
            return false;
        } catch (EvaluationException | ArithmeticException e) {
            log.info("Condition '{}' cannot be evaluated on this output ({}): it does not hold", condition,
                    e.getMessage());
            return false;
        }
    }
}
