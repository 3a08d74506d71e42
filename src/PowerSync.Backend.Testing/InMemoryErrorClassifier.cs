using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Testing;

/// <summary>Classifies <see cref="InMemoryStoreException"/> by the classification it carries.</summary>
public sealed class InMemoryErrorClassifier : IErrorClassifier
{
    /// <inheritdoc />
    public ErrorClassification? Classify(Exception exception) => (exception as InMemoryStoreException)?.Classification;
}
