package io.aviary.cli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    @Test
    void columnsAreAlignedWithNumbersOnTheRightAndNoTrailingSpaces() {
        Table table = new Table("name", "state", "slots")
                .row("quickstart-agent-1", "AVAILABLE", 4)
                .row("a", null, 12);

        assertThat(table.render()).isEqualTo("""
                NAME                STATE      SLOTS
                quickstart-agent-1  AVAILABLE      4
                a                   -             12
                """);
    }

    @Test
    void numbersWithUnitsAreRightAlignedToo() {
        String rendered = new Table("type", "rate", "share")
                .row("noop", "12.5/s", "98.5%")
                .row("sleep", "1.0/s", "-")
                .render();

        assertThat(rendered.lines()).containsExactly(
                "TYPE     RATE  SHARE",
                "noop   12.5/s  98.5%",
                "sleep   1.0/s      -");
    }

    @Test
    void aColumnOfAbsentValuesStaysOnTheLeft() {
        assertThat(new Table("id", "connection").row("a", null).row("b", null).render().lines())
                .containsExactly("ID  CONNECTION", "a   -", "b   -");
    }

    @Test
    void longCellsAreCutAndLineBreaksFlattened() {
        String rendered = new Table("detail").row("x".repeat(100)).row("two\nlines").render();

        assertThat(rendered.lines().skip(1)).containsExactly("x".repeat(Table.MAX_CELL - 1) + "…", "two lines");
    }

    @Test
    void anEmptyTableIsItsHeader() {
        assertThat(new Table("id", "name").render()).isEqualTo("ID  NAME\n");
        assertThat(new Table("id").isEmpty()).isTrue();
    }

    @Test
    void detailsPadTheLabels() {
        assertThat(new Details().add("Name", "w1").add("Task types", "noop").add("Labels", "").render())
                .isEqualTo("""
                        Name        w1
                        Task types  noop
                        Labels      -
                        """);
    }
}
