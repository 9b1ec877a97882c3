package io.aviary.command.worker;

import io.aviary.command.web.StorableJson;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/workers}.
 *
 * @param name       unique worker name; the worker id is derived from it
 * @param hardwareId hashed hardware id the name is bound to
 * @param slots      tasks it runs at once
 * @param maxQueue   tasks it accepts beyond its slots
 * @param taskTypes  task types it runs
 * @param labels     labels tasks can require (optional)
 */
public record RegisterWorkerRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 255) String hardwareId,
        @NotNull @Min(1) Integer slots,
        @NotNull @Min(0) Integer maxQueue,
        @NotEmpty @StorableJson(bytes = RegisterWorkerRequest.MAX_LIST_BYTES) List<@NotBlank String> taskTypes,
        @StorableJson(bytes = RegisterWorkerRequest.MAX_LIST_BYTES) Map<@NotBlank String, @NotNull String> labels) {

    /** Largest task-type list and label set, as JSON (16 KiB each): they travel in every worker event. */
    public static final int MAX_LIST_BYTES = 16 * 1024;

    public RegisterWorkerRequest {
        labels = labels == null ? Map.of() : labels;
    }
}
