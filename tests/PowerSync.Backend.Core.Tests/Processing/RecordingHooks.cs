using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Tests.Processing;

/// <summary>An authorization hook, resolved from DI, that records <c>auth:global:{index}</c> and accepts.</summary>
public sealed class RecordingAuthorizationHook(CallLog calls) : IAuthorizationHook
{
    public ValueTask<EntryVerdict> AuthorizeAsync(EntryContext context, CancellationToken cancellationToken)
    {
        calls.Add($"auth:global:{context.Index}");
        return ValueTask.FromResult(EntryVerdict.Accept);
    }
}

/// <summary>A mapping hook, resolved from DI, that records <c>map:global:{index}</c> and keeps the entry.</summary>
public sealed class RecordingMappingHook(CallLog calls) : IMappingHook
{
    public ValueTask<CrudEntry?> MapAsync(EntryContext context, CancellationToken cancellationToken)
    {
        calls.Add($"map:global:{context.Index}");
        return ValueTask.FromResult<CrudEntry?>(context.Entry);
    }
}

/// <summary>A validation hook, resolved from DI, that records <c>validate:global:{index}</c> and accepts.</summary>
public sealed class RecordingValidationHook(CallLog calls) : IValidationHook
{
    public ValueTask<EntryVerdict> ValidateAsync(EntryContext context, CancellationToken cancellationToken)
    {
        calls.Add($"validate:global:{context.Index}");
        return ValueTask.FromResult(EntryVerdict.Accept);
    }
}

/// <summary>A conflict hook that records <c>{name}:{index}</c> and applies.</summary>
public sealed class RecordingConflictHook : IConflictHook
{
    private readonly CallLog _calls;
    private readonly string _name;

    public RecordingConflictHook(CallLog calls)
        : this(calls, "conflict:global")
    {
    }

    public RecordingConflictHook(CallLog calls, string name)
    {
        _calls = calls;
        _name = name;
    }

    public bool NeedsStoredRow(CrudEntry entry, string clientTable) => false;

    public ValueTask<ConflictResolution> ResolveAsync(ConflictContext context, CancellationToken cancellationToken)
    {
        _calls.Add($"{_name}:{context.Index}");
        return ValueTask.FromResult(ConflictResolution.Apply);
    }
}
