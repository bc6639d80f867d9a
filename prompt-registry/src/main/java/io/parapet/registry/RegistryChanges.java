package io.parapet.registry;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.parapet.core.Actor;
import io.parapet.core.events.Outbox;
import io.parapet.core.events.PromptChangeEvent;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

/**
 * Announces a registry change, inside the transaction that makes it: to this process (the prompt cache is
 * cleared after commit), to the other instances ({@link ChangeNotifier}), and to the outbox, as a {@code
 * parapet.prompt.change.v1} event keyed by prompt name, so monitors learn when a version becomes {@code
 * production}. Policies are prompts of type {@code policy} and are announced alike; models too, keyed {@code
 * model:<name>}.
 */
@Singleton
class RegistryChanges {
    private final Outbox outbox;
    private final ApplicationEventPublisher<PromptChanged> local;
    private final ChangeNotifier others;

    RegistryChanges(Outbox outbox, ApplicationEventPublisher<PromptChanged> local, ChangeNotifier others) {
        this.outbox = outbox;
        this.local = local;
        this.others = others;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void modelVersionCreated(String model, int version, String contentHash, Actor actor) {
        announce("model:" + model, created("model.version.create", model, "model", actor, version, contentHash));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void versionCreated(String prompt, String type, int version, String contentHash, Actor actor) {
        announce(prompt, created("version.create", prompt, type, actor, version, contentHash));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void labelMoved(String prompt, String type, String label, Integer from, int to, Actor actor) {
        announce(prompt, labelled("label.move", prompt, type, actor, label, to, from, null, null, null));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void labelDeleted(String prompt, String type, String label, int was, Actor actor) {
        announce(prompt, labelled("label.delete", prompt, type, actor, label, null, was, null, null, null));
    }

    /** {@code percent} 0 means the split ended: all traffic is back on {@code stable}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void labelSplit(
            String prompt, String type, String label, int stable, int canary, int percent, String why, Actor actor) {
        String change = percent == 0 ? "label.unsplit" : "label.split";
        announce(prompt, labelled(change, prompt, type, actor, label, stable, null, canary, percent, why));
    }

    private static PromptChangeEvent created(
            String change, String name, String type, Actor actor, int version, String contentHash) {
        return new PromptChangeEvent(
                change, name, type, actor.name(), version, contentHash, null, null, null, null, null);
    }

    private static PromptChangeEvent labelled(
            String change,
            String prompt,
            String type,
            Actor actor,
            String label,
            Integer version,
            Integer from,
            Integer canary,
            Integer percent,
            String why) {
        return new PromptChangeEvent(
                change, prompt, type, actor.name(), version, null, label, from, canary, percent, why);
    }

    private void announce(String key, PromptChangeEvent data) {
        outbox.append(PromptChangeEvent.TYPE, "registry", key, data);
        others.changed(key);
        local.publishEvent(new PromptChanged(key));
    }
}
