package io.aviary.cli.output;

import picocli.CommandLine;

import java.util.Locale;

/** {@code --output table} (aligned columns for people) or {@code --output json} (the API's JSON, for scripts). */
public enum OutputFormat {
    TABLE, JSON;

    /** Accepts any case: {@code json}, {@code JSON}. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected table or json, got '" + value + "'");
            }
        }
    }

    /** Completion candidates and the help text: lower case, as users type them. */
    public static final class Candidates extends java.util.ArrayList<String> {
        public Candidates() {
            super(java.util.List.of("table", "json"));
        }
    }
}
