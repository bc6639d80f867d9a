package io.parapet.registry.bundle;

import io.parapet.core.Documents;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;

/** Reads bundles from YAML or JSON (JSON is YAML) and writes them as YAML or JSON. */
public final class BundleFormat {
    private BundleFormat() {}

    public static Bundle parse(String text) {
        Bundle bundle = Documents.read(text, Bundle.class, "bundle");
        if (bundle.apiVersion() != null && !Bundle.API_VERSION.equals(bundle.apiVersion())) {
            throw ParapetException.invalidField("apiVersion", "must be " + Bundle.API_VERSION);
        }
        return bundle;
    }

    public static String yaml(Bundle bundle) {
        return Documents.yaml(bundle);
    }

    public static String json(Bundle bundle) {
        return Json.write(bundle);
    }
}
