package io.parapet.guardrails.scanners;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainHeadsTest {

    @Test
    void a_head_records_the_onnxruntime_version_and_cpu_it_was_trained_with() {
        assertThat(TrainHeads.machine().get("onnxruntime")).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(TrainHeads.machine().get("cpu")).startsWith(System.getProperty("os.arch") + " ");
    }

    @Test
    void only_the_flags_that_pick_the_int8_kernels_are_kept(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu sse2 avx512_vnni avx2 avx512f avx_vnni sha_ni\n");

        assertThat(TrainHeads.vectorExtensions(cpuinfo)).isEqualTo("avx2 avx512_vnni avx512f avx_vnni");
    }

    @Test
    void a_machine_without_cpuinfo_or_flags_says_so_instead_of_failing_the_training(@TempDir Path dir)
            throws Exception {
        Path missing = dir.resolve("missing");
        assertThat(TrainHeads.vectorExtensions(missing)).isEqualTo("(no " + missing + ")");

        Path noFlags = dir.resolve("cpuinfo");
        Files.writeString(noFlags, "processor\t: 0\n");
        assertThat(TrainHeads.vectorExtensions(noFlags)).isEqualTo("(no flags line)");
    }
}
