package io.aviary.command.area.condition;

import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.ast.BooleanLiteral;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.Elvis;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.Indexer;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.NullLiteral;
import org.springframework.expression.spel.ast.OpAnd;
import org.springframework.expression.spel.ast.OpDivide;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.ast.OpModulus;
import org.springframework.expression.spel.ast.OpMultiply;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpOr;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.OperatorMatches;
import org.springframework.expression.spel.ast.OperatorNot;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;
import org.springframework.expression.spel.ast.StringLiteral;
import org.springframework.expression.spel.ast.Ternary;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The condition language of AREA reactions: Spring SpEL, restricted to an explicit whitelist of syntax checked on
 * the parsed tree before a condition is accepted. Allowed: property and indexer access on {@code output}
 * ({@code output.status}, {@code output['content-type']}, {@code output.items[0]}), literals, comparisons, {@code and}
 * {@code or} {@code not}, arithmetic ({@code + - * / %}), {@code matches} with a literal regular expression of at most
 * {@value #MAX_REGEX_LENGTH} characters, the ternary and Elvis operators. Everything else is refused by name (method
 * calls, {@code T(...)} type references, constructors, bean references, assignments, projections and selections,
 * variables, functions, inline lists and maps, ...), as are conditions over {@value #MAX_LENGTH} characters or
 * {@value #MAX_NODES} syntax nodes. Evaluation ({@link ConditionEvaluator}) adds a second wall: a read-only context
 * that knows only maps.
 * <p>
 * A whitelist rather than a blacklist: a SpEL feature added in a later Spring version is refused until someone adds
 * it here on purpose.
 */
public final class Conditions {

    /** Longest condition accepted, in characters. */
    public static final int MAX_LENGTH = 500;
    /** Most syntax nodes in a condition. */
    public static final int MAX_NODES = 100;
    /** Longest regular expression after {@code matches}. */
    public static final int MAX_REGEX_LENGTH = 200;
    /** The one name a condition reads from. */
    public static final String ROOT = "output";

    private static final SpelExpressionParser PARSER =
            new SpelExpressionParser(new SpelParserConfiguration(null, null, false, false, 0, MAX_LENGTH));

    private static final Set<Class<? extends SpelNode>> ALLOWED = Set.of(
            CompoundExpression.class, PropertyOrFieldReference.class, Indexer.class,
            BooleanLiteral.class, IntLiteral.class, LongLiteral.class, RealLiteral.class, FloatLiteral.class,
            StringLiteral.class, NullLiteral.class,
            OpEQ.class, OpNE.class, OpGT.class, OpGE.class, OpLT.class, OpLE.class,
            OpAnd.class, OpOr.class, OperatorNot.class,
            OpPlus.class, OpMinus.class, OpMultiply.class, OpDivide.class, OpModulus.class,
            OperatorMatches.class, Ternary.class, Elvis.class);

    /** Why the common forbidden nodes are refused, in the user's words. */
    private static final Map<String, String> FORBIDDEN = Map.ofEntries(
            Map.entry("MethodReference", "method calls are not allowed"),
            Map.entry("TypeReference", "type references (T(...)) are not allowed"),
            Map.entry("ConstructorReference", "constructors (new ...) are not allowed"),
            Map.entry("BeanReference", "bean references (@...) are not allowed"),
            Map.entry("Assign", "assignments are not allowed"),
            Map.entry("OpInc", "assignments (++) are not allowed"),
            Map.entry("OpDec", "assignments (--) are not allowed"),
            Map.entry("Projection", "projections (.![...]) are not allowed"),
            Map.entry("Selection", "selections (.?[...]) are not allowed"),
            Map.entry("VariableReference", "variables (#...) are not allowed"),
            Map.entry("FunctionReference", "functions (#...) are not allowed"),
            Map.entry("InlineList", "inline lists are not allowed"),
            Map.entry("InlineMap", "inline maps are not allowed"),
            Map.entry("OperatorInstanceof", "instanceof is not allowed"),
            Map.entry("OperatorBetween", "between is not allowed"),
            Map.entry("OperatorPower", "the power operator is not allowed"),
            Map.entry("QualifiedIdentifier", "qualified names are not allowed"));

    private Conditions() {
    }

    /** Whether a condition is empty: it always holds. */
    public static boolean isAlways(String condition) {
        return condition == null || condition.isBlank();
    }

    /**
     * Parses and checks a condition.
     *
     * @return the parsed expression ({@code null} for an empty condition)
     * @throws InvalidConditionException saying what is wrong, in a sentence fit for a 400 answer
     */
    public static SpelExpression parse(String condition) {
        if (isAlways(condition)) {
            return null;
        }
        if (condition.length() > MAX_LENGTH) {
            throw new InvalidConditionException("is longer than " + MAX_LENGTH + " characters");
        }
        SpelExpression expression;
        try {
            expression = (SpelExpression) PARSER.parseRaw(condition);
        } catch (ParseException e) {
            throw new InvalidConditionException("is not a valid expression: " + e.getSimpleMessage());
        } catch (IllegalStateException e) {
            throw new InvalidConditionException("is not a valid expression: " + e.getMessage());
        }
        // First what the condition uses (so the answer names the worst offence), then how it is put together.
        int[] nodes = {0};
        checkSyntax(expression.getAST(), nodes);
        checkShape(expression.getAST(), null, 0);
        return expression;
    }

    private static void checkSyntax(SpelNode node, int[] nodes) {
        if (++nodes[0] > MAX_NODES) {
            throw new InvalidConditionException("has more than " + MAX_NODES + " parts");
        }
        if (!ALLOWED.contains(node.getClass())) {
            throw new InvalidConditionException(FORBIDDEN.getOrDefault(node.getClass().getSimpleName(),
                    "'" + node.toStringAST() + "' is not allowed") + " (" + node.toStringAST() + ")");
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            checkSyntax(node.getChild(i), nodes);
        }
    }

    private static void checkShape(SpelNode node, SpelNode parent, int position) {
        if (node instanceof CompoundExpression && !isOutput(node.getChild(0))) {
            throw new InvalidConditionException("may only read from '" + ROOT + "' (" + node.toStringAST() + ")");
        }
        if (node instanceof PropertyOrFieldReference reference && !(parent instanceof CompoundExpression
                && position > 0) && !isOutput(node)) {
            throw new InvalidConditionException("may only read from '" + ROOT + "', not '" + reference.getName()
                    + "'");
        }
        if (node instanceof Indexer) {
            if (!(parent instanceof CompoundExpression) || position == 0) {
                throw new InvalidConditionException("may only index into '" + ROOT + "' (" + node.toStringAST()
                        + ")");
            }
            SpelNode index = node.getChild(0);
            if (!(index instanceof StringLiteral || index instanceof IntLiteral)) {
                throw new InvalidConditionException("an index must be a string or a whole number ("
                        + node.toStringAST() + ")");
            }
        }
        if (node instanceof OperatorMatches) {
            checkRegex(node.getChild(1));
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            checkShape(node.getChild(i), node, i);
        }
    }

    private static void checkRegex(SpelNode regex) {
        if (!(regex instanceof StringLiteral literal)) {
            throw new InvalidConditionException("'matches' needs a literal regular expression ('...')");
        }
        String pattern = String.valueOf(literal.getLiteralValue().getValue());
        if (pattern.length() > MAX_REGEX_LENGTH) {
            throw new InvalidConditionException("has a regular expression longer than " + MAX_REGEX_LENGTH
                    + " characters");
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidConditionException("has an invalid regular expression: " + e.getDescription());
        }
    }

    private static boolean isOutput(SpelNode node) {
        return node instanceof PropertyOrFieldReference reference && ROOT.equals(reference.getName());
    }
}
