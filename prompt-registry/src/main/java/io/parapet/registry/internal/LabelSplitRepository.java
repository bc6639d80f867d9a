package io.parapet.registry.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LabelSplitRepository extends CrudRepository<LabelSplitEntity, Long> {
    Optional<LabelSplitEntity> findByPromptIdAndLabel(long promptId, String label);

    /** Returns how many rows went: 0 when the label had no split. */
    @Query("DELETE FROM prompt_label_split WHERE prompt_id = :promptId AND label = :label")
    int clear(long promptId, String label);
}
