package io.aviary.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void instantsAreShownInUtcToTheSecond() {
        assertThat(Formats.instant(NODES.textNode("2026-01-30T12:34:56.789Z"))).isEqualTo("2026-01-30 12:34:56Z");
        assertThat(Formats.instant(NODES.textNode("not a time"))).isEqualTo("not a time");
        assertThat(Formats.instant(NODES.nullNode())).isEqualTo("-");
        assertThat(Formats.instant(NODES.missingNode())).isEqualTo("-");
    }

    @Test
    void jsonValuesBecomeShortText() throws Exception {
        assertThat(Formats.text(new ObjectMapper().readTree("{\"millis\":500}"))).isEqualTo("{\"millis\":500}");
        assertThat(Formats.text(NODES.objectNode())).isEqualTo("-");
        assertThat(Formats.text(NODES.numberNode(3))).isEqualTo("3");
        assertThat(Formats.text(NODES.textNode(""))).isEqualTo("-");
    }

    @Test
    void durationsUseTheLargestSensibleUnit() {
        assertThat(Formats.durationMs(350)).isEqualTo("350 ms");
        assertThat(Formats.durationMs(1_250)).isEqualTo("1.3 s");
        assertThat(Formats.durationMs(125_000)).isEqualTo("2 m 05 s");
        assertThat(Formats.durationMs(3_720_000)).isEqualTo("1 h 02 m");
        assertThat(Formats.durationMs(NODES.nullNode())).isEqualTo("-");
    }

    @Test
    void countdownsRatesAndPercentages() {
        assertThat(Formats.clock(5)).isEqualTo("0:05");
        assertThat(Formats.clock(754)).isEqualTo("12:34");
        assertThat(Formats.clock(3723)).isEqualTo("1:02:03");
        assertThat(Formats.rate(41.25)).isEqualTo("41.3/s");
        assertThat(Formats.rate(1234.4)).isEqualTo("1234/s");
        assertThat(Formats.percent(0.985)).isEqualTo("98.5%");
        assertThat(Formats.decimal(NODES.numberNode(2.345), 1)).isEqualTo("2.3");
    }

    @Test
    void aPageFooterSaysHowMuchIsShownAndHowToSeeMore() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(Pages.footer(json.readTree("{\"items\":[1,2],\"page\":0,\"size\":50,\"total\":2}"), "workers"))
                .isEqualTo("2 workers");
        assertThat(Pages.footer(json.readTree("{\"items\":[1,2],\"page\":0,\"size\":2,\"total\":5}"), "tasks"))
                .isEqualTo("1-2 of 5 tasks; --page 1 for more");
        assertThat(Pages.footer(json.readTree("{\"items\":[5],\"page\":2,\"size\":2,\"total\":5}"), "tasks"))
                .isEqualTo("5-5 of 5 tasks");
        assertThat(Pages.footer(json.readTree("{\"items\":[],\"page\":0,\"size\":50,\"total\":0}"), "AREAs"))
                .isEqualTo("No AREAs");
    }
}
