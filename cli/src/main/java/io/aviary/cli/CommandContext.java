package io.aviary.cli;

import io.aviary.cli.http.ApiClient;
import io.aviary.cli.output.Output;

/**
 * What a command works with.
 *
 * @param output where results and notes go, in the chosen format
 * @param api    the APIs, as the logged-in user
 * @param env    stdin, the terminal, the config file
 */
public record CommandContext(Output output, ApiClient api, CliEnvironment env) {
}
