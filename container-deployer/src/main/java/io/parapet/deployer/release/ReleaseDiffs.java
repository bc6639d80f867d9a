package io.parapet.deployer.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** Computes {@link ReleaseDiff}s: what differs between two releases, by name, in name order. */
final class ReleaseDiffs {
    private ReleaseDiffs() {}

    static ReleaseDiff between(Release from, Release to) {
        ReleaseContent a = from.content();
        ReleaseContent b = to.content();
        List<ReleaseDiff.Change> changes = new ArrayList<>();
        compare(
                "prompt",
                byName(a.prompts(), ReleaseContent.Prompt::name, p -> "#" + p.version() + describe(p)),
                byName(b.prompts(), ReleaseContent.Prompt::name, p -> "#" + p.version() + describe(p)),
                changes);
        compare(
                "model",
                byName(a.models(), ReleaseContent.Pinned::name, p -> "#" + p.version()),
                byName(b.models(), ReleaseContent.Pinned::name, p -> "#" + p.version()),
                changes);
        compare(
                "policy",
                byName(a.policies(), ReleaseContent.Pinned::name, p -> "#" + p.version()),
                byName(b.policies(), ReleaseContent.Pinned::name, p -> "#" + p.version()),
                changes);
        compare("credential", refs(a.credentials()), refs(b.credentials()), changes);
        ReleaseDiff.Change platform = Objects.equals(a.platform(), b.platform())
                ? null
                : new ReleaseDiff.Change("platform", "parapet", "changed", a.platform(), b.platform());
        return new ReleaseDiff(from.id(), to.id(), platform, changes);
    }

    /** A prompt's line: its version with the models and policy it runs with, so a moved model shows on it too. */
    private static String describe(ReleaseContent.Prompt p) {
        return " (" + String.join(", ", p.models()) + (p.policy() == null ? "" : "; policy " + p.policy()) + ")";
    }

    private static <T> Map<String, String> byName(List<T> items, Function<T, String> name, Function<T, String> value) {
        Map<String, String> out = new TreeMap<>();
        // A release may pin two versions of one model (a prompt's model and another's fallback): list both.
        for (T item : items) {
            out.merge(name.apply(item), value.apply(item), (x, y) -> x + ", " + y);
        }
        return out;
    }

    private static Map<String, String> refs(Map<String, CredentialRef> credentials) {
        Map<String, String> out = new TreeMap<>();
        credentials.forEach((model, ref) ->
                out.put(model, ref.env() != null ? "env " + ref.env() : "secret " + ref.secret() + "/" + ref.key()));
        return out;
    }

    private static void compare(
            String kind, Map<String, String> before, Map<String, String> after, List<ReleaseDiff.Change> changes) {
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            String x = before.get(name);
            String y = after.get(name);
            if (x == null) {
                changes.add(new ReleaseDiff.Change(kind, name, "added", null, y));
            } else if (y == null) {
                changes.add(new ReleaseDiff.Change(kind, name, "removed", x, null));
            } else if (!x.equals(y)) {
                changes.add(new ReleaseDiff.Change(kind, name, "changed", x, y));
            }
        }
    }
}
