namespace PowerSync.Backend.DevToken.CommandLine;

/// <summary>
/// Where a command writes: results on <see cref="Out"/> (so <c>$(powersync-dev-token token …)</c> captures only the
/// token), notes and warnings on <see cref="Error"/>.
/// </summary>
internal sealed class ToolConsole
{
    public ToolConsole(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public void Note(string message) => Error.WriteLine(message);

    public void Warn(string message) => Error.WriteLine($"warning: {message}");
}
