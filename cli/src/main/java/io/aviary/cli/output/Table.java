package io.aviary.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Columns aligned with two spaces between them, headers in capitals. A column of numbers (absent values aside) is
 * right-aligned; {@code null} cells show as {@link Formats#NONE}; long cells are cut with an ellipsis. No trailing
 * spaces, so the output diffs and greps cleanly.
 */
public final class Table {

    static final int MAX_CELL = 60;
    private static final String GAP = "  ";
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d[\\d.,]*(%|/s| ?ms| ?s| ?h)?");

    private final List<String> headers;
    private final List<Object[]> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int columns = headers.size();
        String[][] cells = new String[rows.size()][columns];
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        boolean[] anyNumber = new boolean[columns];
        Arrays.fill(numeric, true);
        for (int c = 0; c < columns; c++) {
            widths[c] = headers.get(c).length();
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns; c++) {
                Object value = rows.get(r)[c];
                cells[r][c] = cell(value);
                numeric[c] &= isNumeric(value, cells[r][c]);
                anyNumber[c] |= !cells[r][c].equals(Formats.NONE);
                widths[c] = Math.max(widths[c], cells[r][c].length());
            }
        }
        for (int c = 0; c < columns; c++) {
            numeric[c] &= anyNumber[c];
        }
        StringBuilder out = new StringBuilder();
        line(out, headers.stream().map(h -> h.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new), widths,
                numeric);
        for (String[] row : cells) {
            line(out, row, widths, numeric);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                line.append(GAP);
            }
            String pad = " ".repeat(widths[c] - cells[c].length());
            line.append(numeric[c] ? pad + cells[c] : cells[c] + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Numbers, and numbers with a unit ({@code 98.5%}, {@code 12.3/s}, {@code 350 ms}); an absent value fits any. */
    private static boolean isNumeric(Object value, String cell) {
        return value instanceof Number || cell.equals(Formats.NONE) || NUMBER.matcher(cell).matches();
    }

    private static String cell(Object value) {
        String text = value == null ? Formats.NONE : value.toString().replaceAll("[\\r\\n\\t]+", " ");
        if (text.isEmpty()) {
            return Formats.NONE;
        }
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
    }
}
