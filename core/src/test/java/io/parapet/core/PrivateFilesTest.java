package io.parapet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void should_create_a_secret_file_readable_by_its_owner_only() throws Exception {
        Path key = dir.resolve("admin-key");
        PrivateFiles.write(key, "pk_secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(key)).isEqualTo("pk_secret");
    }

    @Test
    void should_never_overwrite_an_existing_file() throws Exception {
        Path key = dir.resolve("master-key");
        Files.writeString(key, "kept");
        assertThatThrownBy(() -> PrivateFiles.write(key, "new"))
                .isInstanceOf(FileAlreadyExistsException.class)
                .hasMessageContaining("never overwritten");
        assertThat(Files.readString(key)).isEqualTo("kept");
    }
}
