package io.aviary.command.user;

/** Answer of the user commands. */
public record UserIdResponse(String userId) {
}
