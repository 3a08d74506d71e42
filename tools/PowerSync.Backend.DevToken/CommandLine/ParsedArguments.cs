namespace PowerSync.Backend.DevToken.CommandLine;

/// <summary>A command's options as given on the command line.</summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values;
    private readonly HashSet<string> _flags;

    public ParsedArguments(Dictionary<string, List<string>> values, HashSet<string> flags)
    {
        _values = values;
        _flags = flags;
    }

    /// <summary>The value of a single-valued option, or <see langword="null"/> when it is not given.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var values) ? values[0] : null;

    /// <summary>The value of an option that must be given.</summary>
    /// <exception cref="UsageException">The option is missing.</exception>
    public string Required(string name) => Value(name) ?? throw new UsageException($"option '--{name}' is required.");

    /// <summary>Every value of a repeated option, in order; empty when it is not given.</summary>
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var values) ? values : [];

    /// <summary>Whether a flag is given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);
}
