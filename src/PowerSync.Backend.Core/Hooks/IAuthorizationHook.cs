namespace PowerSync.Backend.Core.Hooks;

/// <summary>Decides whether the user may make a write. Runs first, on the entry as the client sent it.</summary>
public interface IAuthorizationHook
{
    /// <summary>Authorizes one entry.</summary>
    /// <param name="context">The entry and who sent it.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see cref="EntryVerdict.Accept"/>, or a refusal (by default <see cref="Errors.ErrorCodes.Unauthorized"/>).</returns>
    ValueTask<EntryVerdict> AuthorizeAsync(EntryContext context, CancellationToken cancellationToken);
}
