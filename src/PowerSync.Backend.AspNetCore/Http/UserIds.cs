using System.Security.Claims;

namespace PowerSync.Backend.AspNetCore.Http;

/// <summary>Finds the user id in the host's authenticated principal.</summary>
internal static class UserIds
{
    /// <summary>The value of <paramref name="claimType"/>, else of the name identifier claim; <see langword="null"/> for anonymous callers.</summary>
    public static string? Find(ClaimsPrincipal? user, string claimType)
    {
        if (user is null || !user.Identities.Any(i => i.IsAuthenticated))
        {
            return null;
        }

        // Hosts whose JWT handlers map inbound claims see `sub` as the name identifier claim.
        var value = user.FindFirst(claimType)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
