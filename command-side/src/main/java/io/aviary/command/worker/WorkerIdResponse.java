package io.aviary.command.worker;

/** Answer of the worker commands. */
public record WorkerIdResponse(String workerId) {
}
