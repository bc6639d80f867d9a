package io.parapet.deployer.image;

/** Credentials for a registry push; never logged, never stored. */
public record RegistryLogin(String username, String password) {
    @Override
    public String toString() {
        return "RegistryLogin[" + username + ", ****]";
    }
}
