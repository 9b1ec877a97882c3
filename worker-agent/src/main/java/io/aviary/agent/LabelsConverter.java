package io.aviary.agent;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code AVIARY_AGENT_LABELS} ({@code k=v,k=v}) into the label map; blank means no labels. */
@Component
@ConfigurationPropertiesBinding
public class LabelsConverter implements Converter<String, Map<String, String>> {

    @Override
    public Map<String, String> convert(String source) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : source.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Label '" + pair.trim() + "' is not key=value (AVIARY_AGENT_LABELS)");
            }
            labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return labels;
    }
}
