package io.parapet.streaming.alerts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AlertRepository extends CrudRepository<AlertEntity, Long> {
    String FILTER = " FROM monitor_alert WHERE (:prompt = '' OR prompt = :prompt)"
            + " AND (:monitor = '' OR monitor = :monitor) AND (:state = '' OR state = :state)";

    @Query(value = "SELECT *" + FILTER, countQuery = "SELECT COUNT(*)" + FILTER, nativeQuery = true)
    Page<AlertEntity> search(String prompt, String monitor, String state, Pageable pageable);

    @Query("SELECT * FROM monitor_alert WHERE subject = :subject AND state <> 'resolved' AND window_end > :since"
            + " ORDER BY id")
    List<AlertEntity> unresolvedOn(String subject, Instant since);

    /** Moves an alert only from the state the caller saw, so two people cannot both act on it. */
    @Query("UPDATE monitor_alert SET state = :to, updated_at = :at, updated_by = :by WHERE id = :id AND state = :from")
    int transition(long id, String from, String to, Instant at, String by);
}
