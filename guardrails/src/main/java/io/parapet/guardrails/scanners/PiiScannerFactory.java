package io.parapet.guardrails.scanners;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.parapet.core.ConfigValues;
import io.parapet.guardrails.ner.GazetteerRecognizer;
import io.parapet.guardrails.ner.OnnxTokenClassifier;
import io.parapet.guardrails.ner.TrainedRecognizer;
import io.parapet.guardrails.spi.EntityRecognizer;
import io.parapet.guardrails.spi.Scanner;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code pii}: config {@code entities} (default: all), {@code region} (two-letter country for phone numbers written
 * without a country code; default {@code US}) and {@code ner}, the recognizer of PERSON, LOCATION and ORGANIZATION:
 * {@code trained} (default: the entity head over the encoder's token vectors, with the gazetteer as fallback; it
 * also finds STREET_ADDRESS),
 * {@code gazetteer} (no model run) or {@code {type: onnx, model: <model.onnx>, tokenizer: <tokenizer.json>, labels: [O,
 * B-PER, …]}}. ONNX models load once per file set and are shared.
 */
public final class PiiScannerFactory extends NamedScannerFactory {
    public PiiScannerFactory() {
        super("pii", "entities", "region", "ner");
    }

    @Override
    public Scanner create(Map<String, Object> config) {
        Set<String> entities = new LinkedHashSet<>(ConfigValues.strings(config, "entities", PiiScanner.ENTITIES));
        Set<String> unknown = new LinkedHashSet<>(entities);
        unknown.removeAll(PiiScanner.ENTITIES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown entities " + unknown + "; known: " + PiiScanner.ENTITIES);
        }
        String region = ConfigValues.string(config, "region", "US");
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException(
                    "region '" + region + "' is not a two-letter country code libphonenumber knows");
        }
        return new PiiScanner(entities, region, recognizer(config.get("ner")));
    }

    /**
     * The scanner with every entity and the given recognizer of names: how {@code PiiAccuracy} measures a head trained
     * without a text's template inside the scanner that ships, overlaps resolved as they are for users.
     */
    public static Scanner withRecognizer(EntityRecognizer recognizer) {
        return new PiiScanner(new LinkedHashSet<>(PiiScanner.ENTITIES), "US", recognizer);
    }

    private static final EntityRecognizer GAZETTEER = new GazetteerRecognizer();
    /** Loaded on first use: the head reads the encoder's token vectors, and a policy without PII never needs them. */
    private static final class TrainedEntities {
        static final EntityRecognizer RECOGNIZER = TrainedRecognizer.shipped();
    }

    private static final Map<List<Object>, EntityRecognizer> ONNX = new ConcurrentHashMap<>();

    static EntityRecognizer recognizer(Object ner) {
        if ("gazetteer".equals(ner)) {
            return GAZETTEER;
        }
        if (ner == null || "trained".equals(ner)) {
            return TrainedEntities.RECOGNIZER;
        }
        if (!(ner instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(
                    "'ner' must be \"trained\", \"gazetteer\" or {type: onnx, model: <file>, tokenizer: <file>, labels: [...]}");
        }
        Configs.OnnxSpec onnx = Configs.onnx(ner, "ner");
        java.nio.file.Path model = Configs.modelFile(onnx.model(), "ner.model");
        java.nio.file.Path tokenizer = Configs.modelFile(onnx.tokenizer(), "ner.tokenizer");
        // Keyed by resolved files: another spelling of the same path shares the loaded model.
        return ONNX.computeIfAbsent(
                List.of(model, tokenizer, onnx.labels()),
                key -> new OnnxTokenClassifier(model, tokenizer, onnx.labels()));
    }
}
