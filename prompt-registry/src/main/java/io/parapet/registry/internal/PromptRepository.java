package io.parapet.registry.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PromptRepository extends CrudRepository<PromptEntity, Long> {
    // Empty strings mean "no filter"; patterns arrive with LIKE wildcards already escaped.
    String SEARCH = " FROM prompt p WHERE (:pattern = '' OR p.name ILIKE :pattern OR p.description ILIKE :pattern"
            + " OR EXISTS (SELECT 1 FROM prompt_version v WHERE v.prompt_id = p.id"
            + " AND v.version = p.latest_version AND v.content ILIKE :pattern))"
            + " AND (:tagPattern = '' OR p.tags LIKE :tagPattern)"
            + " AND (:folderPattern = '' OR p.name LIKE :folderPattern)"
            // kind '' lists prompts, 'policy' lists guardrail policies: the two share a table, not a list.
            + " AND ((:kind = 'policy' AND p.type = 'policy') OR (:kind = '' AND p.type <> 'policy'))";

    Optional<PromptEntity> findByName(String name);

    /** Locks the prompt row: version numbering and label moves of one prompt are serialised on it. */
    Optional<PromptEntity> findByNameForUpdate(String name);

    @Query("INSERT INTO prompt (name, type, description, tags, latest_version, created_at, updated_at)"
            + " VALUES (:name, :type, :description, :tags, 0, :at, :at) ON CONFLICT DO NOTHING")
    int insertIfAbsent(String name, String type, @Nullable String description, String tags, Instant at);

    @Query("UPDATE prompt SET latest_version = :latestVersion, updated_at = :at WHERE id = :id")
    void updateLatest(long id, int latestVersion, Instant at);

    @Query("UPDATE prompt SET description = :description, tags = :tags, updated_at = :at WHERE id = :id")
    void updateMetadata(long id, @Nullable String description, String tags, Instant at);

    @Query(value = "SELECT p.*" + SEARCH, countQuery = "SELECT COUNT(*)" + SEARCH, nativeQuery = true)
    Page<PromptEntity> search(String pattern, String tagPattern, String folderPattern, String kind, Pageable pageable);
}
