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
