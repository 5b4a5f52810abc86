package io.wcf4j.clients.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The wcf4j command-line client.
 *
 * <p>Exit codes: 0 success; 2 bad usage (unknown operation, bad argument); 3 the service answered with a declared
 * fault; 4 the service answered with a framework error; 5 the service could not be reached (or timed out).
 */
@Command(name = "wcf4j", mixinStandardHelpOptions = true, version = "wcf4j-cli 0.1",
        description = "Calls wcf4j services: lists a host's endpoints and calls any operation over any binding.",
        subcommands = {ListCommand.class, DescribeCommand.class, CallCommand.class, ProtoCommand.class, TokenCommand.class, HashPasswordCommand.class,
            AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        footer = {"", "Tab completion in bash or zsh: source <(java -jar wcf4j-cli.jar generate-completion)",
            "(zsh: autoload -U +X bashcompinit && bashcompinit first)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:bad usage: unknown operation, bad argument", "3:the service answered with a declared fault",
                "4:the service answered with a framework error", "5:the service could not be reached, or did not answer in time"})
public final class Wcf4jCli implements Runnable {
    static final int FAULT = 3;
    static final int SERVICE_ERROR = 4;
    static final int UNREACHABLE = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: list, describe, call, proto, token, hash-password or "
                + "generate-completion");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Wcf4jCli());
        // the script prints completions for the jar's name as users call it
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        // a usage error is one line and where to read more, not the whole usage text
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine at = e.getCommandLine();
            at.getErr().println("error: " + e.getMessage());
            at.getErr().println("(" + at.getCommandSpec().qualifiedName() + " --help shows the options)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CallCommand.ServiceUnreachable || e instanceof java.net.ConnectException
                    || e instanceof java.net.http.HttpTimeoutException) {
                commandLine.getErr().println("cannot reach the service: " + e.getMessage());
                return UNREACHABLE;
            }
            commandLine.getErr().println("error: " + e);
            return SERVICE_ERROR;
        });
        return cl;
    }
}
