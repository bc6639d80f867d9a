package io.parapet.registry;

import io.parapet.core.Actor;

/**
 * A condition a label move must meet, checked inside the move's transaction after the caller's role and the
 * revision: evaluation gates ("production needs a passing run") plug in here without the registry knowing them.
 */
public interface LabelGuard {
    /**
     * Throws a {@link io.parapet.core.ParapetException} (a 409 that says why) when {@code label} of {@code prompt}
     * may not move from {@code fromVersion} (null when the label is new) to {@code toVersion}.
     */
    void check(String prompt, String label, Integer fromVersion, int toVersion, Actor actor);
}
