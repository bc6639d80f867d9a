package io.parapet.deployer.deployment.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DeploymentEventRepository extends CrudRepository<DeploymentEventEntity, Long> {
    List<DeploymentEventEntity> findByDeploymentIdOrderById(long deploymentId);
}
