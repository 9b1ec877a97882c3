package io.aviary.command.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The annotated value is JSON every store downstream can hold: written as compact UTF-8 JSON it has at most
 * {@link #bytes()} bytes, it is nested at most {@link #depth()} levels, and no object key contains a NUL character
 * ({@code null} is valid). For free-form JSON (task payloads, outputs, labels, AREA definitions): what a request puts
 * there ends up in an event, on Kafka (1 MB per record) and in MongoDB read models (BSON cannot hold a NUL in a key;
 * MongoDB stores at most 100 levels), where a value that cannot be stored would stall a projection.
 */
@Documented
@Constraint(validatedBy = StorableJsonValidator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StorableJson {

    /** Largest size in bytes of the value as compact UTF-8 JSON. */
    int bytes();

    /** Deepest nesting of objects and arrays (the value itself being level 1). */
    int depth() default 32;

    String message() default "must be at most {bytes} bytes as JSON, nested at most {depth} levels, with no NUL "
            + "character in a key";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
