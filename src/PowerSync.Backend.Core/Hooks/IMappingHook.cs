using PowerSync.Backend.Core.Model;

namespace PowerSync.Backend.Core.Hooks;

/// <summary>
/// Turns a client entry into the write the source database needs: table and column renames, dropped
/// server-managed columns, computed values such as <c>owner_id = user</c>.
/// </summary>
public interface IMappingHook
{
    /// <summary>Maps one entry.</summary>
    /// <param name="context">The entry (as earlier mapping hooks left it) and who sent it.</param>
    /// <param name="cancellationToken">Cancels the mapping.</param>
    /// <returns>The entry to apply (<c>context.Entry</c> when unchanged), or <see langword="null"/> to drop it.</returns>
    ValueTask<CrudEntry?> MapAsync(EntryContext context, CancellationToken cancellationToken);
}
