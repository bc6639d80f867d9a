package io.parapet.registry;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.parapet.core.Actor;
import io.parapet.core.events.EventType;
import io.parapet.core.events.Outbox;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, Object> data = data("model.version.create", model, "model", actor);
        data.put("version", version);
        data.put("contentHash", contentHash);
        announce("model:" + model, data);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void versionCreated(String prompt, String type, int version, String contentHash, Actor actor) {
        Map<String, Object> data = data("version.create", prompt, type, actor);
        data.put("version", version);
        data.put("contentHash", contentHash);
        announce(prompt, data);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void labelMoved(String prompt, String type, String label, Integer from, int to, Actor actor) {
        Map<String, Object> data = data("label.move", prompt, type, actor);
        data.put("label", label);
        data.put("from", from);
        data.put("version", to);
        announce(prompt, data);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void labelDeleted(String prompt, String type, String label, int was, Actor actor) {
        Map<String, Object> data = data("label.delete", prompt, type, actor);
        data.put("label", label);
        data.put("from", was);
        announce(prompt, data);
    }

    /** {@code percent} 0 means the split ended: all traffic is back on {@code stable}. */
    @Transactional(Transactional.TxType.MANDATORY)
    void labelSplit(
            String prompt, String type, String label, int stable, int canary, int percent, String why, Actor actor) {
        Map<String, Object> data = data(percent == 0 ? "label.unsplit" : "label.split", prompt, type, actor);
        data.put("label", label);
        data.put("version", stable);
        data.put("canaryVersion", canary);
        data.put("canaryPercent", percent);
        if (why != null) {
            data.put("reason", why);
        }
        announce(prompt, data);
    }

    private static Map<String, Object> data(String change, String prompt, String type, Actor actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", change);
        data.put("prompt", prompt);
        data.put("type", type);
        data.put("actor", actor.name());
        return data;
    }

    private void announce(String key, Map<String, Object> data) {
        outbox.append(EventType.PROMPT_CHANGE, "registry", key, data);
        others.changed(key);
        local.publishEvent(new PromptChanged(key));
    }
}
