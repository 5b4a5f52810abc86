package io.wcf4j.clients.cli;

import io.wcf4j.binding.grpc.ProtoFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code proto}: the .proto of a contract's gRPC form, as a host publishes it at /metadata/{service}.proto. */
@Command(name = "proto", mixinStandardHelpOptions = true,
        description = "Writes the .proto of a contract on the classpath (its gRPC form, docs/grpc.md), for protoc or "
                + "grpc-js; a running host serves the same file at /metadata/<service>.proto.",
        footer = {"", "Examples:", "  wcf4j proto io.wcf4j.sample.ledger.Ledger",
                "  wcf4j proto io.wcf4j.sample.ledger.Ledger --out src/main/proto   # writes io/wcf4j/sample/ledger/ledger/Ledger.proto"})
final class ProtoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<contract>", description = "The contract interface's class name.")
    String contract;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the file under DIR, at the path protoc expects "
            + "(its package's directories); without it, print it.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Class<?> type;
        try {
            type = Class.forName(contract);
        } catch (ClassNotFoundException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no contract " + contract + " on the CLI's classpath");
        }
        String text = ProtoFile.of(type);
        if (out == null) {
            System.out.print(text);
            return 0;
        }
        Path file = out.resolve(ProtoFile.fileName(type));
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        System.out.println(file);
        return 0;
    }
}
