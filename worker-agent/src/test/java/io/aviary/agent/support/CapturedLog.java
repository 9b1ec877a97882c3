package io.aviary.agent.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Everything logged under a logger (the root by default) while open, at the level given and above: what the agent's
 * log would show. Restores the logger's level on close.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final Logger lowered;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /**
     * @param attachTo where the appender hangs (it sees this logger and its children)
     * @param lower    logger whose level is set to {@code level} while capturing
     */
    private CapturedLog(String attachTo, String lower, Level level) {
        logger = (Logger) LoggerFactory.getLogger(attachTo);
        lowered = (Logger) LoggerFactory.getLogger(lower);
        previousLevel = lowered.getLevel();
        lowered.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    /** Captures logger {@code name} and its children at {@code level} and above. */
    public static CapturedLog of(String name, Level level) {
        return new CapturedLog(name, name, level);
    }

    /** Captures every logger at its configured level, and everything the agent's own code logs down to TRACE. */
    public static CapturedLog everything() {
        return new CapturedLog(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.aviary", Level.TRACE);
    }

    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /** Every line as it would be written: formatted message plus any exception messages and stack frames. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : appender.list) {
            text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(" - ")
                    .append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                text.append(error.getClassName()).append(": ").append(error.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        lowered.setLevel(previousLevel);
    }
}
