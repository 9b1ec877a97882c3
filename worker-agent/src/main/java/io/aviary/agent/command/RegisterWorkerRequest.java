package io.aviary.agent.command;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /api/v1/workers}. */
public record RegisterWorkerRequest(String name, String hardwareId, int slots, int maxQueue, List<String> taskTypes,
                                    Map<String, String> labels) {
}
