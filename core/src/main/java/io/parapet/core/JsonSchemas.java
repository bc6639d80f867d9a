package io.parapet.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.resource.DisallowSchemaLoader;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;

/**
 * The one place user-supplied JSON Schemas (response formats, the {@code json} scanner) are compiled. Schemas
 * resolve only within themselves: a {@code $ref} to {@code http:}, {@code https:} or {@code file:} is refused
 * when the schema is compiled, so no schema makes the server fetch a URL or read a file. Only the bundled
 * 2020-12 meta-schemas load.
 */
public final class JsonSchemas {
    /** The library maps the standard meta-schema URLs onto these bundled copies before loading. */
    private static final String BUNDLED_META_SCHEMAS = "classpath:draft/";

    private static final SchemaLoader SELF_CONTAINED = new SchemaLoader() {
        @Override
        public InputStreamSource getSchema(AbsoluteIri iri) {
            if (iri.toString().startsWith(BUNDLED_META_SCHEMAS)) {
                return null; // the library's own class-path loader, next in line, reads it
            }
            return DisallowSchemaLoader.getInstance().getSchema(iri);
        }
    };

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012, builder -> builder.schemaLoaders(loaders -> loaders.add(SELF_CONTAINED)));

    private JsonSchemas() {}

    /**
     * A compiled schema with every reference resolved now, so a reference to anything outside the schema fails
     * here (an {@link RuntimeException} whose message says which) rather than at validation time.
     */
    public static JsonSchema compile(JsonNode schema) {
        JsonSchema compiled = FACTORY.getSchema(schema);
        compiled.initializeValidators();
        return compiled;
    }

    /** The 2020-12 meta-schema, to check that a document is a valid schema. */
    public static JsonSchema metaSchema() {
        return FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    }
}
