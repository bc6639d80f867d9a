package io.parapet.server.monitor;

import io.parapet.core.events.EvalJudgementEvent;
import io.parapet.core.events.Outbox;
import io.parapet.eval.online.OnlineRules;
import io.parapet.eval.spi.EvalCase;
import io.parapet.streaming.monitor.Completion;
import io.parapet.streaming.monitor.online.CheckResult;
import io.parapet.streaming.monitor.online.OnlineCheck;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online rules users set ({@code /api/v1/eval/online-rules}) on sampled live completions. Deterministic rules
 * judge in the stream and are named {@code rule:<name>} in the {@code parapet.eval.online} record. Model-calling
 * rules (llm-judge) must not hold the stream thread for a model call: they run on virtual threads, at most
 * {@value #MAX_JUDGING} at once (more are dropped, their budget already spent), and each verdict, or the judge's
 * failure, becomes a {@code parapet.eval.judgement.v1} event through the outbox, so a Kafka outage loses none.
 */
@Singleton
class OnlineRuleCheck implements OnlineCheck {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineRuleCheck.class);
    static final int MAX_JUDGING = 16;

    private final OnlineRules rules;
    private final Outbox outbox;
    private final Semaphore judging = new Semaphore(MAX_JUDGING);
    private final ExecutorService judges = Executors.newVirtualThreadPerTaskExecutor();

    OnlineRuleCheck(OnlineRules rules, Outbox outbox) {
        this.rules = rules;
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Optional<CheckResult> evaluate(Completion completion) {
        return Optional.empty(); // results() names each rule instead
    }

    @Override
    public List<Named> results(Completion c) {
        if (c.prompt() == null) {
            return List.of(); // a catalog model called directly: rules follow prompts
        }
        EvalCase answer = new EvalCase(
                Map.of(),
                null,
                c.failed() ? null : c.output(),
                Math.round(c.totalMs()),
                c.inputTokens() + c.outputTokens(),
                c.blocked() ? "blocked" : c.failed() ? "error" : "stop");
        List<Named> named = new ArrayList<>();
        for (OnlineRules.Outcome o : rules.evaluate(c.prompt(), answer)) {
            named.add(new Named("rule:" + o.rule(), result(o)));
        }
        for (OnlineRules.Judging j : rules.judgings(c.prompt(), answer)) {
            if (!judging.tryAcquire()) {
                LOG.debug("online rule {} skipped on {}: {} judgements already running", j.rule(), c.id(), MAX_JUDGING);
                continue;
            }
            judges.execute(() -> {
                try {
                    OnlineRules.Outcome o = j.judge().get();
                    outbox.append(EvalJudgementEvent.TYPE, "monitors", c.prompt(), judgement(c, o));
                } catch (RuntimeException e) {
                    LOG.warn(
                            "online rule {} on completion {}: the judgement was not stored: {}",
                            j.rule(),
                            c.id(),
                            e.toString());
                } finally {
                    judging.release();
                }
            });
        }
        return named;
    }

    private static CheckResult result(OnlineRules.Outcome o) {
        return o.verdict() == null
                ? CheckResult.fail("could not judge: " + o.error())
                : new CheckResult(
                        o.verdict().passed(), o.verdict().score(), o.verdict().reason());
    }

    private static EvalJudgementEvent judgement(Completion c, OnlineRules.Outcome o) {
        return new EvalJudgementEvent(
                c.id(),
                c.subject(),
                c.prompt(),
                c.promptVersion(),
                o.rule(),
                o.evaluator(),
                o.verdict() != null && o.verdict().passed(),
                o.verdict() == null ? null : o.verdict().score(),
                o.verdict() == null ? null : o.verdict().reason(),
                o.error());
    }

    @PreDestroy
    void close() {
        judges.shutdownNow();
    }
}
