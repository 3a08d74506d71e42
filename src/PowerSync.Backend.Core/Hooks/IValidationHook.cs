namespace PowerSync.Backend.Core.Hooks;

/// <summary>Checks a mapped entry before it is applied.</summary>
public interface IValidationHook
{
    /// <summary>Validates one entry.</summary>
    /// <param name="context">The mapped entry and who sent it.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see cref="EntryVerdict.Accept"/>, or a refusal (by default <see cref="Errors.ErrorCodes.ValidationFailed"/>).</returns>
    ValueTask<EntryVerdict> ValidateAsync(EntryContext context, CancellationToken cancellationToken);
}
