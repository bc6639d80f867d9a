package io.parapet.core;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;

/** A validated {@code page}/{@code size} pair: pages count from 0 and hold at most {@value #MAX_SIZE} items. */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public PageRequest {
        if (page < 0) {
            throw ParapetException.invalidField("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ParapetException.invalidField("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    public Pageable pageable(Sort sort) {
        return Pageable.from(page, size, sort);
    }
}
