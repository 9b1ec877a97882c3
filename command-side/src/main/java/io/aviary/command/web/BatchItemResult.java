package io.aviary.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * One item's answer in a batch: the status it would have had as a request of its own ({@code 202} taken,
 * {@code 400} invalid, {@code 403} not the caller's, {@code 404} unknown, {@code 409} rejected in its state,
 * {@code 503} the store is unreachable: try again, {@code 500} unexpected), the task id, and for a refusal the problem's title and detail (RFC 9457 members), with the
 * invalid fields for a {@code 400}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItemResult(int index, int status, String taskId, String title, String detail,
                              List<Map<String, String>> errors) {

    public static BatchItemResult accepted(int index, String taskId) {
        return new BatchItemResult(index, 202, taskId, null, null, null);
    }

    public static BatchItemResult refused(int index, String taskId, int status, String title, String detail) {
        return new BatchItemResult(index, status, taskId, title, detail, null);
    }

    public static BatchItemResult invalid(int index, String taskId, List<Map<String, String>> errors) {
        return new BatchItemResult(index, 400, taskId, "Invalid request", "Invalid request: " + String.join("; ",
                errors.stream().map(error -> error.get("field") + " " + error.get("message")).toList()), errors);
    }

    public boolean isAccepted() {
        return status == 202;
    }
}
