package io.parapet.guardrails.scanners;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.parapet.guardrails.spi.Scanner;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code pii}: config {@code entities} (default: all pattern types) and {@code region} (two-letter country for
 * phone numbers written without a country code; default {@code US}).
 */
public final class PiiScannerFactory extends NamedScannerFactory {
    public PiiScannerFactory() {
        super("pii", "entities", "region");
    }

    @Override
    public Scanner create(Map<String, Object> config) {
        Set<String> entities = new LinkedHashSet<>(Configs.strings(config, "entities", PiiScanner.ENTITIES));
        Set<String> unknown = new LinkedHashSet<>(entities);
        unknown.removeAll(PiiScanner.ENTITIES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown entities " + unknown + "; known: " + PiiScanner.ENTITIES);
        }
        String region = Configs.string(config, "region", "US");
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException(
                    "region '" + region + "' is not a two-letter country code libphonenumber knows");
        }
        return new PiiScanner(entities, region);
    }
}
