using PowerSync.Backend.Core.Hooks;
using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Processing;

/// <summary>The hooks one client table was given through <see cref="DependencyInjection.TableBuilder"/>, in registration order.</summary>
internal sealed class TableConfiguration
{
    public List<Func<EntryContext, CancellationToken, ValueTask<EntryVerdict>>> Authorizers { get; } = [];

    public List<Func<EntryContext, CancellationToken, ValueTask<CrudEntry?>>> Mappers { get; } = [];

    public List<Func<EntryContext, CancellationToken, ValueTask<EntryVerdict>>> Validators { get; } = [];

    public List<IConflictHook> ConflictHooks { get; } = [];
}
