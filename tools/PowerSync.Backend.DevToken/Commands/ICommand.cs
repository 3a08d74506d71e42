using PowerSync.Backend.DevToken.CommandLine;

namespace PowerSync.Backend.DevToken.Commands;

/// <summary>One of the tool's commands.</summary>
internal interface ICommand
{
    /// <summary>The name typed after the tool's name.</summary>
    string Name { get; }

    /// <summary>One line for the tool's command list.</summary>
    string Summary { get; }

    /// <summary>The text of <c>--help</c>; its first line is the usage line.</summary>
    string Help { get; }

    /// <summary>The options it accepts (besides <c>--help</c>).</summary>
    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the command.</summary>
    /// <returns>The exit code.</returns>
    /// <exception cref="UsageException">An option's value is wrong.</exception>
    /// <exception cref="ToolException">The work cannot be done.</exception>
    ValueTask<int> ExecuteAsync(ParsedArguments arguments, ToolConsole console, CancellationToken cancellationToken);
}
