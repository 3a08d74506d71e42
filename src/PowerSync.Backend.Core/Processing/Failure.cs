using System.Text.Json;
using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Core.Processing;

/// <summary>An exception judged: what to do, the code, and the entry it concerns.</summary>
internal readonly record struct Failure(ErrorClassification Classification, int? OperationIndex, string? Message, JsonElement? Details, bool RequiresClientHandling, Exception Exception);
