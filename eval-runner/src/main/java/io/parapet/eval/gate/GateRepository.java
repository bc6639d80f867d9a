package io.parapet.eval.gate;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface GateRepository extends CrudRepository<GateEntity, Long> {
    Optional<GateEntity> findByPromptAndLabel(String prompt, String label);

    @Query("INSERT INTO eval_gate_override (prompt, label, version, reason, actor, at)"
            + " VALUES (:prompt, :label, :version, :reason, :actor, :at)")
    void addOverride(String prompt, String label, int version, String reason, String actor, Instant at);

    /** Uses one open override of this move, if there is one: 1 when the move may go ahead on it. */
    @Query("UPDATE eval_gate_override SET used_at = :at WHERE id = (SELECT MIN(id) FROM eval_gate_override"
            + " WHERE prompt = :prompt AND label = :label AND version = :version AND used_at IS NULL)")
    int useOverride(String prompt, String label, int version, Instant at);
}
