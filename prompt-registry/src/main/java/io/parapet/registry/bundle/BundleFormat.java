package io.parapet.registry.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads bundles from YAML or JSON (JSON is YAML) and writes them as YAML or JSON. */
public final class BundleFormat {
    private static final ObjectMapper STRICT =
            Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private BundleFormat() {}

    public static Bundle parse(String text) {
        Object tree;
        try {
            // Few aliases and no custom tags: a bundle is data, and alias bombs must not expand.
            LoadSettings settings = LoadSettings.builder()
                    .setMaxAliasesForCollections(20)
                    .setAllowDuplicateKeys(false)
                    .build();
            tree = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw ParapetException.invalid("the bundle is not valid YAML or JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw ParapetException.invalid("a bundle is a mapping with apiVersion, models and prompts");
        }
        Bundle bundle;
        try {
            bundle = STRICT.convertValue(tree, Bundle.class);
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage() == null
                    ? ""
                    : e.getMessage().lines().findFirst().orElse("");
            throw ParapetException.invalid("the bundle does not match the format: " + reason);
        }
        if (bundle.apiVersion() != null && !Bundle.API_VERSION.equals(bundle.apiVersion())) {
            throw ParapetException.invalidField("apiVersion", "must be " + Bundle.API_VERSION);
        }
        return bundle;
    }

    public static String yaml(Bundle bundle) {
        Object tree = Json.mapper().convertValue(bundle, Object.class);
        DumpSettings settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK)
                .setWidth(120)
                .build();
        return new Dump(settings).dumpToString(tree);
    }

    public static String json(Bundle bundle) {
        return Json.write(bundle);
    }
}
