package io.parapet.registry.internal;

import com.samskivert.mustache.BasicCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;
import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
import io.parapet.registry.RenderLimits;
import java.io.StringReader;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mustache templates as prompts need them: no HTML escaping (prompts are plain text), strict about missing
 * values, and syntax errors reported with line and column.
 */
public final class Templates {
    private static final Mustache.Compiler STRICT = Mustache.compiler()
            .escapeHTML(false)
            .strictSections(true)
            .standardsMode(false)
            // An optional variable left unset renders as "" and switches its section off.
            .emptyStringIsFalse(true)
            .withCollector(new BudgetedCollector());
    /** Starts every included template, so entering an include is a step even when it writes nothing. */
    private static final String INCLUDE_ENTERED = "__parapet_include__";

    private static final Pattern LINE = Pattern.compile("@ line (\\d+)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private Templates() {}

    /**
     * The structure of a template: variable names in order of first use, section names, and includes with the
     * number of times each is used.
     */
    public record Parsed(
            Template template, Set<String> variables, Set<String> sections, Map<String, Integer> includeUses) {
        public List<String> includes() {
            return List.copyOf(includeUses.keySet());
        }
    }

    /** The include uses of several templates (a chat prompt's messages) added up. */
    public static Map<String, Integer> includeUses(Collection<Parsed> parsed) {
        Map<String, Integer> uses = new LinkedHashMap<>();
        parsed.forEach(p -> p.includeUses().forEach((name, times) -> uses.merge(name, times, Integer::sum)));
        return uses;
    }

    /** Parses {@code source}; a syntax error becomes a 400 naming {@code field}, the line and the column. */
    public static Parsed parse(String source, String field) {
        Template template;
        try {
            template = STRICT.compile(source);
        } catch (MustacheParseException e) {
            throw syntaxError(source, field, e);
        }
        Set<String> variables = new LinkedHashSet<>();
        Set<String> sections = new LinkedHashSet<>();
        Map<String, Integer> includes = new LinkedHashMap<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {}

            @Override
            public void visitVariable(String name) {
                addName(variables, name);
            }

            @Override
            public boolean visitInclude(String name) {
                includes.merge(name.trim(), 1, Integer::sum);
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                addName(variables, name);
                addName(sections, name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                return visitSection(name);
            }
        });
        return new Parsed(template, variables, sections, java.util.Collections.unmodifiableMap(includes));
    }

    /**
     * Renders with the given values and {@link RenderLimits#DEFAULT}; {@code includes} maps each include name used
     * (recursively) to its source. A value missing at render time is a 400 naming the variable and line.
     */
    public static String render(String source, Map<String, Object> values, Map<String, String> includes) {
        return execute(compile(source, includes), values, RenderLimits.DEFAULT);
    }

    /** Compiles once for repeated renders with the same includes. */
    public static Template compile(String source, Map<String, String> includes) {
        return compiler(includes).compile(source);
    }

    /** Renders; going over {@code limits} stops the render at once with a 400 that names the limit. */
    public static String execute(Template template, Map<String, Object> values, RenderLimits limits) {
        try {
            return RenderBudget.run(limits, out -> template.execute(values, out));
        } catch (MustacheException.Context e) {
            throw ParapetException.invalid(
                    "variable '" + e.key + "' (line " + e.lineNo + ") has no value",
                    new FieldError("variables." + e.key, "has no value"));
        }
    }

    private static Mustache.Compiler compiler(Map<String, String> includes) {
        return STRICT.withLoader(name -> {
            String included = includes.get(name.trim());
            if (included == null) {
                throw new IllegalStateException("include '" + name + "' was not resolved before rendering");
            }
            return new StringReader("{{" + INCLUDE_ENTERED + "}}" + included);
        });
    }

    /**
     * Reads values as JSON gives them (maps, lists, strings, numbers), never by reflection, so a template cannot
     * call methods on them; and counts every look-up and section pass against the render's budget.
     */
    private static final class BudgetedCollector extends BasicCollector {
        private static final Mustache.VariableFetcher ENTERED = (ctx, name) -> {
            RenderBudget.step();
            return "";
        };

        @Override
        public Mustache.VariableFetcher createFetcher(Object ctx, String name) {
            if (name.equals(INCLUDE_ENTERED)) {
                return ENTERED;
            }
            Mustache.VariableFetcher fetcher = super.createFetcher(ctx, name);
            return fetcher == null
                    ? null
                    : (c, n) -> {
                        RenderBudget.step();
                        return fetcher.get(c, n);
                    };
        }

        @Override
        public Iterator<?> toIterator(Object value) {
            Iterator<?> items = super.toIterator(value);
            return items == null
                    ? null
                    : new Iterator<Object>() {
                        @Override
                        public boolean hasNext() {
                            return items.hasNext();
                        }

                        @Override
                        public Object next() {
                            RenderBudget.step();
                            return items.next();
                        }
                    };
        }

        @Override
        public <K, V> Map<K, V> createFetcherCache() {
            return new ConcurrentHashMap<>(); // compiled templates are rendered by many threads at once
        }
    }

    private static void addName(Set<String> names, String name) {
        if (name.equals(".") || name.equals("this") || name.startsWith("-")) {
            return;
        }
        int dot = name.indexOf('.');
        names.add(dot > 0 ? name.substring(0, dot) : name);
    }

    private static ParapetException syntaxError(String source, String field, MustacheParseException e) {
        String message = e.getMessage();
        Matcher lineMatch = LINE.matcher(message);
        int line = lineMatch.find() ? Integer.parseInt(lineMatch.group(1)) : 1;
        int column = column(source, line, message);
        String reason = message.replaceAll("\\s*@ line \\d+$", "");
        String text = "template syntax error at line " + line + ", column " + column + ": " + reason;
        return ParapetException.invalid(field + ": " + text, new FieldError(field, text));
    }

    /** JMustache reports lines only; the column is that of the tag the message names, else the line's last tag. */
    private static int column(String source, int line, String message) {
        String[] lines = source.split("\n", -1);
        String text = lines[Math.min(Math.max(line, 1), lines.length) - 1];
        Matcher quoted = QUOTED.matcher(message);
        while (quoted.find()) {
            int at = text.indexOf(quoted.group(1));
            if (at >= 0 && !quoted.group(1).isEmpty()) {
                int tag = text.lastIndexOf("{{", at);
                return (tag >= 0 ? tag : at) + 1;
            }
        }
        int tag = text.lastIndexOf("{{");
        return tag >= 0 ? tag + 1 : 1;
    }
}
