package io.parapet.core;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.function.Function;

/** One page of a listing, with the total so clients can page through all of it. */
@Serdeable
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    public static <T> Page<T> of(io.micronaut.data.model.Page<T> page) {
        return new Page<>(page.getContent(), page.getPageNumber(), page.getSize(), page.getTotalSize());
    }
}
