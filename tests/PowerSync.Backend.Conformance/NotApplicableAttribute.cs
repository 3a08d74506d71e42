namespace PowerSync.Backend.Conformance;

/// <summary>
/// Marks an inherited conformance test (or, with <see cref="Arguments"/>, one data row of a theory) as not applying
/// to the provider: <see cref="NotApplicableTestFramework"/> reports it as skipped with <see cref="Reason"/> instead of running it.
/// </summary>
/// <param name="method">The inherited test method's name.</param>
/// <param name="reason">Why it does not apply, and where the provider's analogue is.</param>
/// <param name="arguments">The theory data row it concerns; none for the whole test.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class NotApplicableAttribute(string method, string reason, params object[] arguments) : Attribute
{
    /// <summary>The inherited test method's name.</summary>
    public string Method { get; } = method;

    /// <summary>Why the test does not apply.</summary>
    public string Reason { get; } = reason;

    /// <summary>The theory data row it concerns; empty for the whole test.</summary>
    public IReadOnlyList<object> Arguments { get; } = arguments;
}
