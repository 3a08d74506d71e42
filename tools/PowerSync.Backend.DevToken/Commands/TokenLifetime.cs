using System.Globalization;
using PowerSync.Backend.DevToken.CommandLine;

namespace PowerSync.Backend.DevToken.Commands;

/// <summary>Parses <c>--lifetime</c>: whole seconds (<c>300</c>, <c>300s</c>), minutes (<c>5m</c>) or hours (<c>1h</c>).</summary>
internal static class TokenLifetime
{
    /// <summary>The default, as <c>PowerSyncAuthOptions.TokenLifetime</c>.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(5);

    /// <summary>The longest <c>exp - iat</c> the PowerSync Service accepts.</summary>
    public const long MaximumSeconds = 86_400;

    public static TimeSpan Parse(string text)
    {
        var (digits, unitSeconds) = text[^1] switch
        {
            's' => (text[..^1], 1L),
            'm' => (text[..^1], 60L),
            'h' => (text[..^1], 3600L),
            _ => (text, 1L),
        };

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new UsageException($"option '--lifetime' has '{text}'; give whole seconds (300), minutes (5m) or hours (1h).");
        }

        if (count < 1)
        {
            throw new UsageException("option '--lifetime' must be at least 1 second.");
        }

        // count is checked first so that the product cannot overflow.
        if (count > MaximumSeconds || count * unitSeconds > MaximumSeconds)
        {
            throw new UsageException(
                $"option '--lifetime' is {text}, more than {MaximumSeconds} seconds (24h): the PowerSync Service refuses tokens whose exp - iat is longer.");
        }

        return TimeSpan.FromSeconds(count * unitSeconds);
    }
}
