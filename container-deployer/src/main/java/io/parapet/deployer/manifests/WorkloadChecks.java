package io.parapet.deployer.manifests;

import io.fabric8.kubernetes.api.model.Quantity;
import io.parapet.core.FieldError;
import io.parapet.core.ParapetException;
import java.util.List;

/** The checks every workload shares: names Kubernetes accepts, quantities it parses, and one 400 with them all. */
final class WorkloadChecks {
    /** At most 40 characters: objects add suffixes such as {@code -canary} and {@code -release}. */
    static final String NAME = "[a-z]([-a-z0-9]{0,38}[a-z0-9])?";

    static final String SECRET = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";

    private WorkloadChecks() {}

    static void names(List<FieldError> errors, String name, String namespace) {
        if (name == null || !name.matches(NAME)) {
            errors.add(new FieldError("name", "must be a DNS label of 1 to 40 characters (a-z, 0-9, -)"));
        }
        if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            errors.add(new FieldError("namespace", "must be a Kubernetes namespace name"));
        }
    }

    static void quantity(List<FieldError> errors, String field, String value) {
        try {
            Quantity.getAmountInBytes(new Quantity(value));
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, "'" + value + "' is not a Kubernetes quantity"));
        }
    }

    static void throwIfAny(List<FieldError> errors, String what) {
        if (!errors.isEmpty()) {
            throw ParapetException.invalid(
                    errors.size() + " error(s) in the " + what, errors.toArray(FieldError[]::new));
        }
    }
}
