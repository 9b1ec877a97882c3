package io.aviary.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** Where a command writes: results on stdout (a table, or the JSON for scripts), diagnostics and progress on stderr. */
public final class Output {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;

    public Output(PrintWriter out, PrintWriter err, OutputFormat format) {
        this.out = out;
        this.err = err;
        this.format = format;
    }

    public boolean json() {
        return format == OutputFormat.JSON;
    }

    /** The JSON (pretty-printed) in JSON mode, else what {@code human} prints. */
    public void emit(JsonNode node, Runnable human) {
        if (json()) {
            json(node);
        } else {
            human.run();
        }
    }

    public void json(JsonNode node) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void table(Table table) {
        out.print(table.render());
        out.flush();
    }

    public void details(Details details) {
        out.print(details.render());
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** A blank line then a section title, between blocks of a human answer. */
    public void section(String title) {
        out.println();
        out.println(title);
        out.flush();
    }

    public PrintWriter err() {
        return err;
    }

    /** A note on stderr (never mixed into the JSON a script reads). */
    public void note(String text) {
        err.println(text);
        err.flush();
    }
}
