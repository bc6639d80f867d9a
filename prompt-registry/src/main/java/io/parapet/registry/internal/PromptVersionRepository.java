package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Versions are append-only: this repository can insert and read, nothing else. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PromptVersionRepository extends GenericRepository<PromptVersionEntity, Long> {
    PromptVersionEntity save(PromptVersionEntity version);

    Optional<PromptVersionEntity> findByPromptIdAndVersion(long promptId, int version);

    Optional<PromptVersionEntity> findFirstByPromptIdAndContentHashOrderByVersionDesc(
            long promptId, String contentHash);

    Page<PromptVersionEntity> findByPromptId(long promptId, Pageable pageable);

    /** The version a prompt's label points at, found by names in one query (the hot path of rendering). */
    @Query("SELECT v.* FROM prompt p JOIN prompt_label l ON l.prompt_id = p.id"
            + " JOIN prompt_version v ON v.prompt_id = p.id AND v.version = l.version"
            + " WHERE p.name = :prompt AND l.name = :label")
    Optional<PromptVersionEntity> findByPromptNameAndLabel(String prompt, String label);

    /** The version a label points at, in one query. */
    @Query("SELECT v.* FROM prompt_version v JOIN prompt_label l ON l.prompt_id = v.prompt_id AND l.version = v.version"
            + " WHERE l.prompt_id = :promptId AND l.name = :label")
    Optional<PromptVersionEntity> findByLabel(long promptId, String label);

    /**
     * The versions that one of {@code labels} points at and whose content mentions {@code quotedName} (a JSON string
     * with its quotes): a coarse filter that the caller narrows by reading each version's model reference.
     */
    @Query("SELECT v.* FROM prompt_label l JOIN prompt_version v ON v.prompt_id = l.prompt_id AND v.version = l.version"
            + " WHERE l.name IN (:labels) AND v.content LIKE :pattern")
    List<PromptVersionEntity> findLabelledMentioning(Collection<String> labels, String pattern);

    List<PromptVersionEntity> findByPromptIdAndVersionIn(long promptId, List<Integer> versions);

    @Query("INSERT INTO prompt_include (version_id, target_prompt, target_label, target_version)"
            + " VALUES (:versionId, :targetPrompt, :targetLabel, :targetVersion)")
    void addInclude(long versionId, String targetPrompt, @Nullable String targetLabel, @Nullable Integer targetVersion);

    /** The versions (as {@code name#n}) that include {@code prompt@label}. */
    @Query("SELECT p.name || '#' || v.version FROM prompt_include i JOIN prompt_version v ON v.id = i.version_id"
            + " JOIN prompt p ON p.id = v.prompt_id WHERE i.target_prompt = :prompt AND i.target_label = :label"
            + " ORDER BY p.name, v.version")
    List<String> findIncluders(String prompt, String label);
}
