package io.aviary.cli;

import picocli.CommandLine.Option;

/** {@code --page} and {@code --size} of the list commands (the query API's pages: 0-based, at most 500). */
public final class PageOptions {

    @Option(names = "--page", defaultValue = "0", description = "page number, from 0 (default 0)")
    public int page;

    @Option(names = "--size", defaultValue = "50", description = "items per page, at most 500 (default 50)")
    public int size;
}
