namespace PowerSync.Backend.AspNetCore.Tokens;

/// <summary>What the PowerSync Service requires of a token, shared by issuing, validation and options checks.</summary>
internal static class TokenRules
{
    /// <summary>The longest <c>exp - iat</c> the service accepts.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromSeconds(86_400);

    /// <summary>The claim holding the user id.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>The claim holding sync-rule token parameters.</summary>
    public const string ParametersClaim = "parameters";

    /// <summary>Claims the issuer writes itself; a request may not set them.</summary>
    public static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "sub", "aud", "iat", "exp", "nbf", "iss", ParametersClaim };
}
