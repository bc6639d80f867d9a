package io.parapet.guardrails.spi;

import io.parapet.guardrails.Finding;
import java.util.List;

/**
 * Finds named entities ({@code PERSON}, {@code LOCATION}, {@code ORGANIZATION}) for the pii scanner. The default is a
 * gazetteer with context words; a HuggingFace token-classification model exported to ONNX can replace it.
 * Implementations are thread-safe and report spans of the original text.
 */
public interface EntityRecognizer {
    List<Finding> recognize(ScanText text);
}
