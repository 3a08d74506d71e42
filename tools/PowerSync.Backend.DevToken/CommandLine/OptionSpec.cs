namespace PowerSync.Backend.DevToken.CommandLine;

/// <summary>An option a command accepts.</summary>
/// <param name="Name">The name without the leading <c>--</c>.</param>
/// <param name="Kind">How it takes values.</param>
/// <param name="ValueName">What its value is, for error messages (<c>file</c>, <c>id</c>).</param>
internal sealed record OptionSpec(string Name, OptionKind Kind, string ValueName = "value");
