using PowerSync.Backend.DevToken.CommandLine;
using PowerSync.Backend.DevToken.Commands;

namespace PowerSync.Backend.DevToken;

/// <summary>
/// <c>powersync-dev-token</c>: the local equivalent of PowerSync's development-token flow. Generates a signing key,
/// prints its JWKS and the PowerSync Service's <c>client_auth</c> config, and signs tokens for a user.
/// </summary>
public static class Program
{
    private const string ToolName = "powersync-dev-token";

    private static readonly ICommand[] Commands = [new GenerateKeyCommand(), new JwksCommand(), new ConfigCommand(), new TokenCommand()];

    /// <summary>The process entry point.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code: 0 done, 1 failed, 2 bad usage.</returns>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the tool in-process, writing to the given writers instead of the console.</summary>
    /// <param name="args">The command line, without the tool's name: <c>["token", "--key", "k.json", "--user", "u1"]</c>.</param>
    /// <param name="stdout">Where results go (the kid, the JWKS, the YAML, the token).</param>
    /// <param name="stderr">Where notes, warnings, errors and <c>--verbose</c> details go.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code: 0 done, 1 failed (a key file missing, unreadable or unsuitable), 2 bad usage.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Count == 0)
        {
            stderr.Write(Usage());
            return ExitCodes.BadUsage;
        }

        if (ArgumentParser.IsHelp(args[0]) || args[0] == "help")
        {
            return ShowHelp(args.Count > 1 ? args[1] : null, stdout, stderr);
        }

        var command = Find(args[0]);
        if (command is null)
        {
            stderr.WriteLine($"{ToolName}: unknown command '{args[0]}'.");
            stderr.Write(Usage());
            return ExitCodes.BadUsage;
        }

        var rest = args.Skip(1).ToList();
        if (rest.Exists(ArgumentParser.IsHelp))
        {
            stdout.WriteLine(command.Help);
            return ExitCodes.Success;
        }

        var console = new ToolConsole(stdout, stderr);
        try
        {
            var arguments = ArgumentParser.Parse(command.Options, rest);
            return await command.ExecuteAsync(arguments, console, cancellationToken);
        }
        catch (UsageException exception)
        {
            stderr.WriteLine($"{ToolName} {command.Name}: {exception.Message}");
            stderr.WriteLine(UsageLines(command));
            stderr.WriteLine($"Run '{ToolName} {command.Name} --help' for details.");
            return ExitCodes.BadUsage;
        }
        catch (ToolException exception)
        {
            stderr.WriteLine($"{ToolName} {command.Name}: {exception.Message}");
            return ExitCodes.Failure;
        }
    }

    private static int ShowHelp(string? commandName, TextWriter stdout, TextWriter stderr)
    {
        if (commandName is null)
        {
            stdout.Write(Usage());
            return ExitCodes.Success;
        }

        if (Find(commandName) is { } command)
        {
            stdout.WriteLine(command.Help);
            return ExitCodes.Success;
        }

        stderr.WriteLine($"{ToolName}: unknown command '{commandName}'.");
        stderr.Write(Usage());
        return ExitCodes.BadUsage;
    }

    /// <summary>The usage lines at the top of a command's help, up to the first blank line.</summary>
    private static string UsageLines(ICommand command)
    {
        var end = command.Help.IndexOf("\n\n", StringComparison.Ordinal);
        return end < 0 ? command.Help : command.Help[..end];
    }

    private static ICommand? Find(string name) => Array.Find(Commands, c => c.Name == name);

    private static string Usage()
    {
        var width = Commands.Max(c => c.Name.Length) + 2;
        var lines = Commands.Select(c => $"  {c.Name.PadRight(width)}{c.Summary}");
        return $"""
            Usage: {ToolName} <command> [options]

            Development keys and tokens for PowerSync: the local equivalent of PowerSync's development-token flow.

            Commands:
            {string.Join('\n', lines)}

            Run '{ToolName} <command> --help' for a command's options.

            """;
    }
}
