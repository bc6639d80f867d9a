package io.parapet.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.registry.Names;
import io.parapet.registry.PromptContent;
import io.parapet.registry.PromptVersion;
import io.parapet.registry.VersionRef;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Reads prompts and versions and maps rows to the public records; every "not found" message is made here. */
@Singleton
public class PromptReader {
    private final PromptRepository prompts;
    private final PromptVersionRepository versions;
    private final LabelRepository labels;

    PromptReader(PromptRepository prompts, PromptVersionRepository versions, LabelRepository labels) {
        this.prompts = prompts;
        this.versions = versions;
        this.labels = labels;
    }

    public PromptEntity prompt(String name) {
        return prompts.findByName(name)
                .orElseThrow(() -> ParapetException.notFound("prompt '" + name + "' does not exist"));
    }

    public PromptEntity lockPrompt(String name) {
        return prompts.findByNameForUpdate(name)
                .orElseThrow(() -> ParapetException.notFound("prompt '" + name + "' does not exist"));
    }

    public PromptVersionEntity versionRow(PromptEntity prompt, int version) {
        return versions.findByPromptIdAndVersion(prompt.id(), version)
                .orElseThrow(() -> ParapetException.notFound("prompt '" + prompt.name() + "' has no version " + version
                        + " (latest is " + prompt.latestVersion() + ")"));
    }

    /** The version a label points at; {@code latest} is the newest version. A missing label is a 404. */
    public int versionOfLabel(PromptEntity prompt, String label) {
        if (Names.LATEST.equals(label)) {
            if (prompt.latestVersion() == 0) {
                throw ParapetException.notFound("prompt '" + prompt.name() + "' has no versions");
            }
            return prompt.latestVersion();
        }
        return labels.findByPromptIdAndName(prompt.id(), label)
                .orElseThrow(() -> ParapetException.notFound("prompt '" + prompt.name() + "' has no label '" + label
                        + "'; its labels are " + labelNames(prompt)))
                .version();
    }

    public PromptVersion resolve(String name, String label, Integer version) {
        PromptEntity prompt = prompt(name);
        return toVersion(prompt, resolveRow(prompt, label, version));
    }

    /**
     * As {@link #resolve(String, String, Integer)} without the list of labels pointing at the version: the render
     * path needs only the content, and this takes two queries instead of four.
     */
    public PromptVersion resolveContent(String name, String label, Integer version) {
        String wanted = label == null ? Names.PRODUCTION : label;
        if (version == null && !Names.LATEST.equals(wanted)) {
            Optional<PromptVersionEntity> row = versions.findByPromptNameAndLabel(name, wanted);
            if (row.isPresent()) {
                return toVersion(name, row.get(), List.of());
            }
            // Fall through: the slow path says precisely what is missing.
        }
        PromptEntity prompt = prompt(name);
        return toVersion(prompt, resolveRow(prompt, label, version), List.of());
    }

    private PromptVersionEntity resolveRow(PromptEntity prompt, String label, Integer version) {
        if (label != null && version != null) {
            throw ParapetException.invalid("give either label or version, not both");
        }
        if (version != null) {
            return versionRow(prompt, version);
        }
        String wanted = label == null ? Names.PRODUCTION : label;
        if (Names.LATEST.equals(wanted)) {
            return versionRow(prompt, versionOfLabel(prompt, wanted));
        }
        return versions.findByLabel(prompt.id(), wanted)
                .orElseGet(() -> versionRow(prompt, versionOfLabel(prompt, wanted)));
    }

    public PromptVersion resolve(VersionRef ref) {
        try {
            return resolve(ref.prompt(), ref.label(), ref.version());
        } catch (ParapetException e) {
            throw ParapetException.invalidField("include", "cannot resolve include: " + e.getMessage());
        }
    }

    public PromptVersion toVersion(PromptEntity prompt, PromptVersionEntity row) {
        List<String> pointing = labels.findByPromptIdOrderByName(prompt.id()).stream()
                .filter(l -> l.version() == row.version())
                .map(LabelEntity::name)
                .toList();
        return toVersion(prompt, row, pointing);
    }

    public static PromptVersion toVersion(PromptEntity prompt, PromptVersionEntity row, List<String> labelNames) {
        return toVersion(prompt.name(), row, labelNames);
    }

    private static PromptVersion toVersion(String name, PromptVersionEntity row, List<String> labelNames) {
        PromptContent c = content(row.content());
        return PromptVersion.of(
                name,
                row.version(),
                c,
                row.commitMessage(),
                row.author(),
                row.createdAt(),
                row.contentHash(),
                labelNames);
    }

    public static PromptContent content(String json) {
        try {
            return Json.mapper().readValue(json, PromptContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored prompt content is corrupt", e);
        }
    }

    public static List<String> tags(String json) {
        return Json.mapper()
                .convertValue(
                        Json.read(json),
                        Json.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private List<String> labelNames(PromptEntity prompt) {
        return labels.findByPromptIdOrderByName(prompt.id()).stream()
                .map(LabelEntity::name)
                .toList();
    }
}
