package io.parapet.core.audit;

import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.parapet.core.Actor;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import jakarta.inject.Singleton;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads the audit trail. Callers write inside the transaction of the change they audit, so an entry
 * exists exactly when its change committed.
 */
@Singleton
public class AuditLog {
    private final AuditRepository repository;
    private final Clock clock;

    AuditLog(AuditRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(
            Actor actor,
            String action,
            String targetType,
            String target,
            String hashBefore,
            String hashAfter,
            String detail) {
        repository.save(new AuditEntry(
                null, clock.instant(), actor.name(), action, targetType, target, hashBefore, hashAfter, detail));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntry> find(AuditQuery query, PageRequest page) {
        PredicateSpecification<AuditEntry> filter = (root, cb) -> {
            List<Predicate> all = new ArrayList<>();
            equal(all, cb, root, "actor", query.actor());
            equal(all, cb, root, "action", query.action());
            equal(all, cb, root, "targetType", query.targetType());
            equal(all, cb, root, "target", query.target());
            if (query.from() != null) {
                all.add(cb.greaterThanOrEqualTo(root.get("at"), query.from()));
            }
            if (query.to() != null) {
                all.add(cb.lessThan(root.get("at"), query.to()));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
        var pageable = page.pageable(Sort.of(Sort.Order.desc("id")));
        boolean unfiltered = query.equals(new AuditQuery(null, null, null, null, null, null));
        // An empty conjunction renders as "WHERE" with nothing after it, so an unfiltered listing skips the spec.
        return Page.of(unfiltered ? repository.findAll(pageable) : repository.findAll(filter, pageable));
    }

    private static void equal(
            List<Predicate> all, CriteriaBuilder cb, Root<AuditEntry> root, String property, String value) {
        if (value != null) {
            all.add(cb.equal(root.get(property), value));
        }
    }
}
