package io.parapet.registry.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LabelRepository extends CrudRepository<LabelEntity, Long> {
    Optional<LabelEntity> findByPromptIdAndName(long promptId, String name);

    List<LabelEntity> findByPromptIdOrderByName(long promptId);

    List<LabelEntity> findByPromptIdIn(Collection<Long> promptIds);

    /** Compare-and-set on the revision: returns 0 when someone else moved the label first. */
    @Query("UPDATE prompt_label SET version = :version, revision = revision + 1, updated_at = :at, updated_by = :by"
            + " WHERE prompt_id = :promptId AND name = :name AND revision = :revision")
    int move(long promptId, String name, int version, int revision, Instant at, String by);

    @Query("DELETE FROM prompt_label WHERE prompt_id = :promptId AND name = :name AND revision = :revision")
    int deleteAtRevision(long promptId, String name, int revision);
}
