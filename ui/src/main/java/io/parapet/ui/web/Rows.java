package io.parapet.ui.web;

import java.util.List;
import java.util.stream.IntStream;

/** Pairs list items with their positions, for form rows named by index. */
public final class Rows {
    public record Row<T>(int index, T value) {}

    private Rows() {}

    public static <T> List<Row<T>> indexed(List<T> items) {
        return IntStream.range(0, items.size())
                .mapToObj(i -> new Row<>(i, items.get(i)))
                .toList();
    }
}
