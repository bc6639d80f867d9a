package io.parapet.registry.internal;

import io.parapet.core.ParapetException;
import io.parapet.registry.RenderLimits;
import java.io.Writer;

/**
 * What one render has spent of its {@link RenderLimits}. JMustache calls back into {@link Templates}' collector and
 * loader, not into the caller, so the budget of the render running on this thread is found through a thread-local;
 * rendering never leaves the calling thread.
 */
final class RenderBudget extends Writer {
    private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

    private final RenderLimits limits;
    private final StringBuilder out = new StringBuilder();
    private long steps;
    private String exceeded;

    private RenderBudget(RenderLimits limits) {
        this.limits = limits;
    }

    /** Runs {@code render} against a fresh budget, writing into it; returns what was written. */
    static String run(RenderLimits limits, java.util.function.Consumer<Writer> render) {
        RenderBudget budget = new RenderBudget(limits);
        RenderBudget outer = CURRENT.get();
        CURRENT.set(budget);
        try {
            render.accept(budget);
        } catch (RuntimeException e) {
            if (budget.exceeded != null) { // JMustache may wrap our exception; the budget knows what happened
                throw ParapetException.invalid(budget.exceeded);
            }
            throw e;
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
        return budget.out.toString();
    }

    /** One step of the render on this thread: a value looked up, a section pass, an include entered. */
    static void step() {
        RenderBudget budget = CURRENT.get();
        if (budget != null && ++budget.steps > budget.limits.maxSteps()) {
            budget.fail("the template takes more than " + budget.limits.maxSteps()
                    + " steps to render (sections nested over long lists, or includes repeated many times);"
                    + " the limit is parapet.registry.max-render-steps");
        }
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        reserve(length);
        out.append(chars, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
        reserve(length);
        out.append(text, offset, offset + length);
    }

    private void reserve(int length) {
        if (out.length() + (long) length > limits.maxChars()) {
            fail("the rendered text is longer than " + limits.maxChars()
                    + " characters; the limit is parapet.registry.max-rendered-chars");
        }
    }

    private void fail(String message) {
        exceeded = message;
        throw ParapetException.invalid(message);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
