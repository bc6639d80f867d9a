package io.parapet.deployer.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parapet.core.ParapetException;
import java.util.regex.Pattern;

/**
 * Where a deployment finds a model's credential: a key of a Kubernetes Secret, or an environment variable. A
 * release holds only this reference; the credential itself never enters a release, an image or a manifest.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialRef(
        @Nullable String secret,
        @Nullable String key,
        @Nullable String env) {
    private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");

    /**
     * The environment variable a deployment of {@code model} reads this credential from: the one named, or for a
     * Secret the variable the manifests fill from it ({@code PARAPET_CREDENTIAL_} and the model's name, upper-cased,
     * other characters as {@code _}).
     */
    public String variable(String model) {
        return env != null
                ? env
                : "PARAPET_CREDENTIAL_"
                        + model.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /**
     * The credential references of a release as JSON, by model name: a release bundle ({@code release.content}) or a
     * release as the API returns it ({@code content}).
     */
    public static java.util.Map<String, CredentialRef> inRelease(String releaseJson) {
        var release = io.parapet.core.Json.read(releaseJson);
        var node = release.has("release")
                ? release.at("/release/content/credentials")
                : release.at("/content/credentials");
        var refs = new java.util.TreeMap<String, CredentialRef>();
        node.properties()
                .forEach(c -> refs.put(
                        c.getKey(), io.parapet.core.Json.mapper().convertValue(c.getValue(), CredentialRef.class)));
        return refs;
    }

    /** A 400 naming {@code field} unless this is exactly one well-formed reference. */
    public CredentialRef checked(String field) {
        if ((secret == null) == (env == null)) {
            throw ParapetException.invalidField(
                    field, "give either {secret, key} (a Kubernetes Secret) or {env} (an environment variable)");
        }
        if (env != null) {
            if (key != null) {
                throw ParapetException.invalidField(field + ".key", "goes with secret, not env");
            }
            if (!ENV_NAME.matcher(env).matches()) {
                throw ParapetException.invalidField(field + ".env", "must match [A-Z_][A-Z0-9_]* (at most 128)");
            }
            return this;
        }
        if (!SECRET_NAME.matcher(secret).matches()) {
            throw ParapetException.invalidField(field + ".secret", "must be a Kubernetes object name (DNS subdomain)");
        }
        if (key == null || !SECRET_KEY.matcher(key).matches()) {
            throw ParapetException.invalidField(field + ".key", "must name a key of the Secret ([-._a-zA-Z0-9]+)");
        }
        return this;
    }
}
