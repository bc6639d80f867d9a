package io.parapet.deployer.rollout;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.Json;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.core.Role;
import io.parapet.core.audit.AuditLog;
import io.parapet.core.events.Outbox;
import io.parapet.core.events.RolloutEvent;
import io.parapet.deployer.rollout.internal.RolloutEntity;
import io.parapet.deployer.rollout.internal.RolloutEventEntity;
import io.parapet.deployer.rollout.internal.RolloutEventRepository;
import io.parapet.deployer.rollout.internal.RolloutRepository;
import io.parapet.registry.LabelService;
import io.parapet.registry.LabelSplit;
import io.parapet.registry.LabelSplits;
import io.parapet.registry.internal.PromptReader;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Rollouts: a canary version of a label taken through traffic steps by moving the label's split ({@link
 * LabelSplits}), and at the end the label itself. Every transition is a compare-and-set on the rollout's revision
 * inside one transaction with the split change, its history entry, its audit entry and its {@code
 * parapet.rollout.v1} event: of two actors (publishers, or a publisher and the {@link RolloutDriver}) exactly one
 * wins and the other gets a 409, and a failed step leaves both the rollout and the split as they were.
 */
@Singleton
public class Rollouts {
    /** Who acts when the analysis advances or rolls back a rollout by itself. */
    public static final Actor DEPLOYER = new Actor("deployer", Role.PUBLISHER.implied());

    private static final TypeReference<List<Rollout.Step>> STEPS = new TypeReference<>() {};
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};

    private final RolloutRepository rollouts;
    private final RolloutEventRepository events;
    private final LabelService labels;
    private final LabelSplits splits;
    private final PromptReader prompts;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;

    Rollouts(
            RolloutRepository rollouts,
            RolloutEventRepository events,
            LabelService labels,
            LabelSplits splits,
            PromptReader prompts,
            AuditLog audit,
            Outbox outbox,
            Clock clock) {
        this.rollouts = rollouts;
        this.events = events;
        this.labels = labels;
        this.splits = splits;
        this.prompts = prompts;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Starts a rollout at its first step; 409 while another runs on the same label. */
    @Transactional
    public Rollout start(RolloutSpec spec, Actor actor) {
        actor.require(Role.PUBLISHER, "start rollouts");
        RolloutSpecs.Checked c = RolloutSpecs.check(spec);
        prompts.lockPrompt(c.prompt()); // 404 for an unknown prompt; and one start per prompt at a time
        int stable = labels.get(c.prompt(), c.label()).version(); // 404 for an unknown label
        String key = c.prompt() + "@" + c.label();
        rollouts.findByActiveKey(key).ifPresent(r -> {
            throw ParapetException.conflict(
                    "rollout " + r.id() + " is already running on " + key + "; promote or abort it first");
        });
        Instant now = clock.instant();
        RolloutEntity saved = rollouts.save(new RolloutEntity(
                null,
                c.prompt(),
                c.label(),
                stable,
                c.canaryVersion(),
                Json.write(c.steps()),
                Json.write(c.watch().stream().map(Watch::wire).toList()),
                0,
                now,
                RolloutState.PROGRESSING.wire(),
                null,
                1,
                key,
                actor.name(),
                now,
                actor.name(),
                now));
        int percent = c.steps().get(0).percent();
        // Refuses a canary equal to the stable version, a missing version and a policy; the insert rolls back.
        splits.split(c.prompt(), c.label(), c.canaryVersion(), percent, "rollout " + saved.id() + " step 1", actor);
        record(
                saved,
                "started",
                percent,
                "version " + c.canaryVersion() + " against " + stable + ", "
                        + c.steps().size() + " step(s)",
                actor,
                now);
        return get(saved.id());
    }

    /**
     * The next step now, without waiting for the analysis (a publisher's decision); after the last step the label
     * moves to the canary, through the label's promotion gate.
     */
    @Transactional
    public Rollout promote(long id, Integer ifMatch, Actor actor) {
        actor.require(Role.PUBLISHER, "promote rollouts");
        RolloutEntity r = running(id, ifMatch);
        return advance(r, actor, "by hand");
    }

    /** Ends the rollout with all traffic back on the stable version. */
    @Transactional
    public Rollout abort(long id, Integer ifMatch, String why, Actor actor) {
        actor.require(Role.PUBLISHER, "abort rollouts");
        RolloutEntity r = running(id, ifMatch);
        String reason = why == null || why.isBlank() ? "aborted by " + actor.name() : truncate(why);
        end(r, RolloutState.ABORTED, reason, actor);
        return get(id);
    }

    /** The analysis found {@code alert} on the canary: all traffic back to the stable version, as the deployer. */
    @Transactional
    public Rollout rollBack(long id, int revision, String alert) {
        RolloutEntity r = running(id, revision);
        end(r, RolloutState.ROLLED_BACK, truncate(alert), DEPLOYER);
        return get(id);
    }

    /** The analysis passed the current step: the next one, as the deployer. */
    @Transactional
    public Rollout stepPassed(long id, int revision, String analysis) {
        RolloutEntity r = running(id, revision);
        return advance(r, DEPLOYER, analysis);
    }

    /** The final label move was refused (its promotion gate): the rollout waits at its last step for a publisher. */
    @Transactional
    public Rollout pause(long id, int revision, String why) {
        RolloutEntity r = running(id, revision);
        String reason = truncate("waiting for a publisher: " + why);
        transition(r, r.step(), RolloutState.PAUSED, reason, DEPLOYER);
        record(r, "paused", steps(r).get(r.step()).percent(), reason, DEPLOYER, clock.instant());
        return get(id);
    }

    /** Someone moved the label or ended its split by hand: the rollout is over, nothing else changes. */
    @Transactional
    public Rollout superseded(long id, int revision, String what) {
        RolloutEntity r = running(id, revision);
        transition(r, r.step(), RolloutState.ABORTED, what, DEPLOYER);
        record(r, "aborted", 0, what, DEPLOYER, clock.instant());
        return get(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Rollout get(long id) {
        RolloutEntity r = rollouts.findById(id).orElseThrow(() -> ParapetException.notFound("no rollout " + id));
        return toRollout(r, events.findByRolloutIdOrderById(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Rollout> list(String prompt, String state, PageRequest page) {
        if (state != null && !state.isBlank()) {
            try {
                RolloutState.of(state);
            } catch (IllegalArgumentException e) {
                throw ParapetException.invalidField(
                        "state", "must be progressing, paused, promoted, rolled_back or aborted");
            }
        }
        return Page.of(rollouts.search(
                        prompt == null ? "" : prompt.trim(),
                        state == null ? "" : state.trim(),
                        page.pageable(Sort.of(Sort.Order.desc("id")))))
                .map(r -> toRollout(r, List.of()));
    }

    /** The rollouts the driver looks at: progressing ones (paused ones wait for a publisher). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Rollout> progressing() {
        return rollouts.findByState(RolloutState.PROGRESSING.wire()).stream()
                .map(r -> toRollout(r, List.of()))
                .toList();
    }

    /** The split the rollout set, as the label has it now; empty if it was ended by hand. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<LabelSplit> splitOf(Rollout r) {
        return splits.find(r.prompt(), r.label());
    }

    private Rollout advance(RolloutEntity r, Actor actor, String why) {
        List<Rollout.Step> steps = steps(r);
        int next = r.step() + 1;
        Instant now = clock.instant();
        if (next < steps.size()) {
            int percent = steps.get(next).percent();
            transition(r, next, RolloutState.PROGRESSING, null, actor);
            splits.split(
                    r.prompt(),
                    r.label(),
                    r.canaryVersion(),
                    percent,
                    "rollout " + r.id() + " step " + (next + 1),
                    actor);
            record(r, "stepped", percent, "step " + (next + 1) + " of " + steps.size() + " (" + why + ")", actor, now);
            return get(r.id());
        }
        transition(r, r.step(), RolloutState.PROMOTED, null, actor);
        // The move clears the split; the label's promotion gate (a passing evaluation run) applies as to any move, and
        // a refusal rolls this whole transaction back.
        labels.set(prompts.lockPrompt(r.prompt()), r.label(), r.canaryVersion(), null, false, actor);
        record(
                r,
                "promoted",
                100,
                r.label() + " now points at version " + r.canaryVersion() + " (" + why + ")",
                actor,
                now);
        return get(r.id());
    }

    private void end(RolloutEntity r, RolloutState state, String reason, Actor actor) {
        transition(r, r.step(), state, reason, actor);
        splits.clear(r.prompt(), r.label(), "rollout " + r.id() + " " + state.wire() + ": " + reason, actor);
        record(r, state == RolloutState.ROLLED_BACK ? "rolled_back" : "aborted", 0, reason, actor, clock.instant());
    }

    private RolloutEntity running(long id, Integer ifMatch) {
        RolloutEntity r = rollouts.findById(id).orElseThrow(() -> ParapetException.notFound("no rollout " + id));
        if (!RolloutState.of(r.state()).running()) {
            throw ParapetException.conflict("rollout " + id + " is " + r.state() + "; it can no longer change");
        }
        if (ifMatch != null && ifMatch != r.revision()) {
            throw new ParapetException(
                    Problem.PRECONDITION_FAILED,
                    "rollout " + id + " is at revision " + r.revision() + ", not " + ifMatch + ": it changed; reload");
        }
        return r;
    }

    private void transition(RolloutEntity r, int step, RolloutState state, String reason, Actor actor) {
        Instant now = clock.instant();
        Instant stepStart = step == r.step() ? r.stepStartedAt() : now;
        String activeKey = state.running() ? r.prompt() + "@" + r.label() : null;
        if (rollouts.transition(
                        r.id(), r.revision(), step, stepStart, state.wire(), reason, activeKey, actor.name(), now)
                != 1) {
            throw ParapetException.conflict(
                    "rollout " + r.id() + " changed meanwhile (someone else acted on it);" + " reload it");
        }
    }

    private void record(RolloutEntity r, String kind, int percent, String detail, Actor actor, Instant at) {
        events.save(new RolloutEventEntity(null, r.id(), kind, percent, detail, actor.name(), at));
        audit.record(
                actor,
                "rollout." + kind,
                "rollout",
                String.valueOf(r.id()),
                null,
                null,
                r.prompt() + "@" + r.label() + " canary " + r.canaryVersion() + ": " + detail);
        var event = new RolloutEvent(
                r.id(),
                kind,
                r.prompt(),
                r.label(),
                r.stableVersion(),
                r.canaryVersion(),
                percent,
                detail,
                actor.name());
        outbox.append(RolloutEvent.TYPE, "deployer", r.prompt(), event);
    }

    private static List<Rollout.Step> steps(RolloutEntity r) {
        return Json.mapper().convertValue(Json.read(r.steps()), STEPS);
    }

    private static String truncate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static Rollout toRollout(RolloutEntity r, List<RolloutEventEntity> history) {
        List<Rollout.Step> steps = steps(r);
        RolloutState state = RolloutState.of(r.state());
        int percent =
                switch (state) {
                    case PROGRESSING, PAUSED -> steps.get(r.step()).percent();
                    case PROMOTED -> 100;
                    case ROLLED_BACK, ABORTED -> 0;
                };
        return new Rollout(
                r.id(),
                r.prompt(),
                r.label(),
                r.stableVersion(),
                r.canaryVersion(),
                steps,
                Json.mapper().convertValue(Json.read(r.watch()), NAMES),
                r.step(),
                percent,
                r.stepStartedAt(),
                r.state(),
                r.reason(),
                r.revision(),
                r.createdBy(),
                r.createdAt(),
                r.updatedBy(),
                r.updatedAt(),
                history.stream()
                        .map(e -> new Rollout.Event(e.kind(), e.percent(), e.detail(), e.actor(), e.at()))
                        .toList());
    }
}
