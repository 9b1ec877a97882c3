package io.aviary.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsConverterTest {

    private final LabelsConverter converter = new LabelsConverter();

    @Test
    void readsKeyValuePairs() {
        assertThat(converter.convert(" zone=eu-west , gpu=true,empty=")).containsExactly(
                java.util.Map.entry("zone", "eu-west"), java.util.Map.entry("gpu", "true"),
                java.util.Map.entry("empty", ""));
    }

    @Test
    void blankMeansNoLabels() {
        assertThat(converter.convert("")).isEmpty();
    }

    @Test
    void aPairWithoutKeyIsRefused() {
        assertThatThrownBy(() -> converter.convert("zone")).hasMessageContaining("key=value");
    }
}
