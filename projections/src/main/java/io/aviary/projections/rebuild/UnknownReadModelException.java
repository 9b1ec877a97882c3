package io.aviary.projections.rebuild;

import io.aviary.projections.apply.ReadModel;

import java.util.Arrays;

/** A rebuild or progress request named no read model (404). */
public class UnknownReadModelException extends RuntimeException {

    public UnknownReadModelException(String name) {
        super("No read model named '" + name + "'; known: "
                + Arrays.stream(ReadModel.values()).map(ReadModel::modelName).toList());
    }
}
