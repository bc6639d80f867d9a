package io.parapet.deployer.deployment.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TargetRepository extends CrudRepository<TargetEntity, Long> {
    Optional<TargetEntity> findByName(String name);

    @Query(value = "SELECT * FROM deploy_target ORDER BY name", nativeQuery = true)
    List<TargetEntity> sortedByName();
}
