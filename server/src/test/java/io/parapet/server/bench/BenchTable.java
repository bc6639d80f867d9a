package io.parapet.server.bench;

import java.time.LocalDate;
import java.util.List;

/** The Markdown table a benchmark prints for docs/benchmarks.md: what, measured, target; with the machine and date. */
final class BenchTable {
    private BenchTable() {}

    static String row(String what, String measured, String target) {
        return "| " + what + " | " + measured + " | " + target + " |";
    }

    static void print(String title, List<String> rows) {
        System.out.println();
        System.out.println(
                title + ", " + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                        + Runtime.version().feature());
        System.out.println();
        System.out.println("| what | measured | target |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** The platform's beans without an HTTP server, on PostgreSQL {@code database} (the in-process rows). */
    static io.micronaut.context.ApplicationContext context(java.util.Map<String, String> database) {
        java.util.Map<String, Object> properties = new java.util.HashMap<>(database);
        properties.put("micronaut.server.enabled", false);
        return io.micronaut.context.ApplicationContext.builder(properties)
                .environments("postgres")
                .deduceEnvironment(false)
                .start();
    }
}
