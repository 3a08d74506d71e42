using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Testing;

/// <summary>A failure the <see cref="InMemoryStore"/> raises: scripted, or a schema check. <see cref="InMemoryErrorClassifier"/> judges it.</summary>
public sealed class InMemoryStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="classification">Retry or reject, with the code.</param>
    /// <param name="message">What failed.</param>
    public InMemoryStoreException(ErrorClassification classification, string message)
        : base(message) => Classification = classification;

    /// <summary>Retry or reject, with the code.</summary>
    public ErrorClassification Classification { get; }
}
