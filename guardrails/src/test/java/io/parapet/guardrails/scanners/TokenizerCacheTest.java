package io.parapet.guardrails.scanners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerCacheTest {
    @TempDir
    Path models;

    @Test
    void should_load_a_tokenizer_once_however_its_path_is_spelt() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TokenLimitScanner.BUNDLED)) {
            Files.copy(in, models.resolve("t.json"));
        }
        Files.createDirectories(models.resolve("sub"));
        String before = System.getProperty(Configs.MODEL_DIR_PROPERTY);
        System.setProperty(Configs.MODEL_DIR_PROPERTY, models.toString());
        try {
            new TokenLimitScanner("t.json", 10);
            int loaded = TokenLimitScanner.loadedTokenizers();
            new TokenLimitScanner("sub/../t.json", 10);
            new TokenLimitScanner("./t.json", 10);
            assertThat(TokenLimitScanner.loadedTokenizers()).isEqualTo(loaded);
            assertThatThrownBy(() -> new TokenLimitScanner("../t.json", 10))
                    .hasMessageContaining("inside the model folder");
        } finally {
            if (before == null) {
                System.clearProperty(Configs.MODEL_DIR_PROPERTY);
            } else {
                System.setProperty(Configs.MODEL_DIR_PROPERTY, before);
            }
        }
    }
}
