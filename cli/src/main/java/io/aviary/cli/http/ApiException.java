package io.aviary.cli.http;

import io.aviary.cli.CliException;
import io.aviary.cli.ExitCodes;

/** The server answered an error status; the message is the problem's one-line {@code title: detail}. */
public final class ApiException extends CliException {

    private final int status;

    public ApiException(int status, String message) {
        super(ExitCodes.forStatus(status), message);
        this.status = status;
    }

    public static ApiException of(HttpTransport.Response response) {
        return new ApiException(response.status(), Problems.line(response.status(), response.body()));
    }

    public int status() {
        return status;
    }
}
