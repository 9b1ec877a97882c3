package io.aviary.cli.output;

import java.util.ArrayList;
import java.util.List;

/** One record as {@code Label  value} lines, labels padded to one column. */
public final class Details {

    private final List<String[]> lines = new ArrayList<>();

    public Details add(String label, Object value) {
        String text = value == null ? Formats.NONE : value.toString();
        lines.add(new String[]{label, text.isEmpty() ? Formats.NONE : text});
        return this;
    }

    public String render() {
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            out.append(line[0]).append(" ".repeat(width - line[0].length() + 2)).append(line[1]).append('\n');
        }
        return out.toString();
    }
}
