using Microsoft.Extensions.Options;
using PowerSync.Backend.AspNetCore.Keys;
using PowerSync.Backend.AspNetCore.Tokens;

namespace PowerSync.Backend.AspNetCore.Auth;

/// <summary>Refuses at start-up auth options the PowerSync Service would refuse, or that cannot work.</summary>
internal sealed class PowerSyncAuthOptionsValidator : IValidateOptions<PowerSyncAuthOptions>
{
    private const string Section = PowerSyncAuthOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PowerSyncAuthOptions options)
    {
        var failures = new List<string>();
        Require(failures, options.Audiences.Count > 0, $"{Section}:Audiences must name at least one audience (the PowerSync Service's client_auth.audience).");
        Require(failures, options.Audiences.All(a => !string.IsNullOrWhiteSpace(a)), $"{Section}:Audiences must not hold empty audiences.");
        Require(failures, options.TokenLifetime >= TimeSpan.FromSeconds(1) && options.TokenLifetime <= TokenRules.MaximumLifetime, $"{Section}:TokenLifetime must be between 1 second and 86400 seconds (24 hours); the PowerSync Service refuses longer tokens.");
        Require(failures, options.ClockSkew >= TimeSpan.Zero && options.ClockSkew <= TimeSpan.FromMinutes(5), $"{Section}:ClockSkew must be between 0 and 5 minutes.");
        Require(failures, options.PowerSyncUrl is null || (options.PowerSyncUrl.IsAbsoluteUri && options.PowerSyncUrl.Scheme is "http" or "https"), $"{Section}:PowerSyncUrl must be an absolute http or https URL.");
        Require(failures, !string.IsNullOrWhiteSpace(options.UserIdClaimType), $"{Section}:UserIdClaimType must not be empty.");
        Require(failures, KeyAlgorithms.IsSupported(options.DevelopmentKeyAlgorithm), $"{Section}:DevelopmentKeyAlgorithm must be one of {KeyAlgorithms.SupportedList}.");
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var sources = new[] { key.Pem, key.PemFile, key.Jwk, key.JwkFile, key.Secret }.Count(s => !string.IsNullOrEmpty(s));
            Require(failures, sources == 1, $"{Section}:Keys:{i} must set exactly one of Pem, PemFile, Jwk, JwkFile or Secret.");
            Require(failures, string.IsNullOrEmpty(key.Algorithm) || KeyAlgorithms.IsSupported(key.Algorithm), $"{Section}:Keys:{i}:Algorithm must be one of {KeyAlgorithms.SupportedList}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool condition, string message)
    {
        if (!condition)
        {
            failures.Add(message);
        }
    }
}
