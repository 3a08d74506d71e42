using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Testing;

/// <summary>Scripted failures: make the store fail at a chosen entry, transiently or permanently.</summary>
public sealed partial class InMemoryStore
{
    private readonly List<ScriptedFailure> _script = [];

    /// <summary>
    /// Makes the next <paramref name="times"/> attempts that reach entry <paramref name="atEntry"/> fail as
    /// <paramref name="classification"/> says, after the entries before it were written (and rolled back).
    /// </summary>
    /// <param name="classification">Retry or reject, with the code.</param>
    /// <param name="atEntry">The index of the failing entry in the applied transaction.</param>
    /// <param name="times">How many attempts fail.</param>
    /// <param name="table">Only entries of this (mapped) table; <see langword="null"/> for any.</param>
    /// <returns>This store.</returns>
    public InMemoryStore FailAt(ErrorClassification classification, int atEntry = 0, int times = 1, string? table = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atEntry);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        Locked(() => _script.Add(new ScriptedFailure(classification, atEntry, table) { Remaining = times }));
        return this;
    }

    /// <summary>Makes the next <paramref name="times"/> attempts fail transiently (as a serialization failure would).</summary>
    /// <param name="times">How many attempts fail.</param>
    /// <param name="atEntry">The index of the failing entry.</param>
    /// <returns>This store.</returns>
    public InMemoryStore FailTransiently(int times = 1, int atEntry = 0) =>
        FailAt(ErrorClassification.Transient("scripted"), atEntry, times);

    /// <summary>Makes the next attempt that reaches entry <paramref name="atEntry"/> fail permanently with <paramref name="errorCode"/>.</summary>
    /// <param name="errorCode">The code, such as <see cref="ErrorCodes.UniqueViolation"/>.</param>
    /// <param name="atEntry">The index of the failing entry.</param>
    /// <returns>This store.</returns>
    public InMemoryStore Reject(string errorCode, int atEntry = 0) =>
        FailAt(ErrorClassification.Rejected(errorCode), atEntry);

    private void TakeScriptedFailure(CrudEntry entry, int index)
    {
        var failure = _script.Find(f => f.AtEntry == index && f.Remaining > 0 && (f.Table is null || f.Table == entry.Table));
        if (failure is null)
        {
            return;
        }

        failure.Remaining--;
        throw new CrudApplyException(index, new InMemoryStoreException(failure.Classification, $"scripted {(failure.Classification.IsTransient ? "transient" : "permanent")} failure at entry {index}"));
    }

    private sealed record ScriptedFailure(ErrorClassification Classification, int AtEntry, string? Table)
    {
        public int Remaining { get; set; }
    }
}
