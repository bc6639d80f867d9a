package io.parapet.deployer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The platform's version, written into the jar at build time: releases pin it and images are labelled with it. */
public final class Platform {
    private static final String VERSION = read();

    private Platform() {}

    public static String version() {
        return VERSION;
    }

    /**
     * The runnable jar this process was started from (one with a {@code Main-Class}), which the local deploy target
     * runs for a release; empty when the classes come from elsewhere (a build's folders, a library jar in tests).
     */
    public static java.util.Optional<String> runningJar() {
        try {
            java.nio.file.Path self = java.nio.file.Path.of(Platform.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!self.toString().endsWith(".jar")) {
                return java.util.Optional.empty();
            }
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(self.toFile())) {
                boolean runnable = jar.getManifest() != null
                        && jar.getManifest().getMainAttributes().getValue("Main-Class") != null;
                return runnable ? java.util.Optional.of(self.toString()) : java.util.Optional.empty();
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String read() {
        try (InputStream in = Platform.class.getResourceAsStream("/io/parapet/deployer/platform.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
