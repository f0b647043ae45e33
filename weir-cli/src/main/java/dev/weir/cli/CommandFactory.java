package dev.weir.cli;

import picocli.CommandLine;

/** Creates commands with the environment they need; picocli calls it for every command class. */
final class CommandFactory implements CommandLine.IFactory {
    private final Main.Environment environment;

    CommandFactory(Main.Environment environment) {
        this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == WeirCommand.class) {
            return type.cast(new WeirCommand(environment));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
