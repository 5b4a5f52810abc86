package io.wcf4j.clients.cli;

import io.wcf4j.security.ConfiguredIdentityStore;
import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code hash-password}: the salted slow hash of a password, as {@code wcf4j.security.users.<name>.password} takes it. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Prints the bcrypt hash of a password for wcf4j.security.users.<name>.password. The password comes "
                + "from --password-file, --password-env or the terminal, never from the command line.",
        footer = {"", "Example:", "  wcf4j hash-password --password-env TELLER_PASSWORD"})
final class HashPasswordCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from environment variable VAR.")
    String passwordEnv;

    @Override
    public Integer call() {
        String given = SecurityOptions.secret(spec.commandLine(), passwordFile, passwordEnv, null);
        char[] password = given != null ? given.toCharArray() : prompt();
        try {
            if (password.length == 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the password is empty");
            }
            System.out.println(ConfiguredIdentityStore.hash(java.nio.CharBuffer.wrap(password)));
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] prompt() {
        Console console = System.console();
        if (console == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give the password with --password-file or --password-env, or run on a terminal to type it");
        }
        return console.readPassword("password: ");
    }
}
