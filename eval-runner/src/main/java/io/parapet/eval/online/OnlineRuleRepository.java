package io.parapet.eval.online;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OnlineRuleRepository extends CrudRepository<OnlineRuleEntity, Long> {
    Optional<OnlineRuleEntity> findByName(String name);

    List<OnlineRuleEntity> findAllOrderByName();

    List<OnlineRuleEntity> findByEnabledTrue();
}
