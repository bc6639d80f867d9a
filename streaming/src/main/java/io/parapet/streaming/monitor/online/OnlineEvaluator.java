package io.parapet.streaming.monitor.online;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import io.parapet.streaming.monitor.Completion;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs every check on a sampled completion and writes the record for {@code parapet.eval.online}. */
public final class OnlineEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineEvaluator.class);

    private final List<OnlineCheck> checks;

    public OnlineEvaluator(List<OnlineCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public String evaluate(Completion c) {
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("id", c.id())
                .put("subject", c.subject())
                .put("prompt", c.prompt())
                .put("promptVersion", c.promptVersion())
                .put("time", c.time().toString())
                .put("finishReason", c.finishReason());
        ArrayNode results = record.putArray("checks");
        boolean passed = true;
        for (OnlineCheck check : checks) {
            List<OnlineCheck.Named> named;
            try {
                named = check.results(c);
            } catch (RuntimeException e) {
                // A faulty check must not stop the stream thread: its failure is the result.
                LOG.warn("online check {} failed on event {}", check.name(), c.id(), e);
                named = List.of(new OnlineCheck.Named(check.name(), CheckResult.fail("the check itself failed: " + e)));
            }
            for (OnlineCheck.Named n : named) {
                CheckResult r = n.result();
                passed &= r.passed();
                results.addObject()
                        .put("name", n.name())
                        .put("passed", r.passed())
                        .put("score", r.score())
                        .put("detail", r.detail());
            }
        }
        record.put("passed", passed);
        return Json.write(record);
    }
}
