package io.aviary.query.web;

/** An id that no read model knows (yet: projections may still be catching up). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, String id) {
        super("No " + what + " with id " + id);
    }
}
