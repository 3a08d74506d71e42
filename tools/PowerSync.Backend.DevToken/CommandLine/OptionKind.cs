namespace PowerSync.Backend.DevToken.CommandLine;

/// <summary>How an option takes values.</summary>
internal enum OptionKind
{
    /// <summary>No value: <c>--verbose</c>.</summary>
    Flag,

    /// <summary>One value, at most once: <c>--key file.json</c> or <c>--key=file.json</c>.</summary>
    Single,

    /// <summary>One value each time, any number of times: <c>--audience a --audience b</c>.</summary>
    Repeated,
}
