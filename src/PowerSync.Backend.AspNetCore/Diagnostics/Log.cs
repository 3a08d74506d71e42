using Microsoft.Extensions.Logging;

namespace PowerSync.Backend.AspNetCore.Diagnostics;

/// <summary>
/// The ASP.NET Core package's log messages (event ids 3000–3999: 30xx upload, 31xx token endpoints, 32xx keys,
/// 33xx authentication). Row values and tokens are never logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Debug, "Answered a {Shape} upload of {TransactionCount} transaction(s) from client {ClientId} with {StatusCode}")]
    public static partial void UploadAnswered(ILogger logger, string shape, int transactionCount, string? clientId, int statusCode);

    [LoggerMessage(3002, LogLevel.Information, "Refused an upload body with {StatusCode}: {Error} at {Path}")]
    public static partial void UploadBodyRefused(ILogger logger, int statusCode, string error, string path);

    [LoggerMessage(3003, LogLevel.Information, "Refused an upload from an unauthenticated caller (or one without a '{ClaimType}' claim)")]
    public static partial void UploadUnauthenticated(ILogger logger, string claimType);

    [LoggerMessage(3004, LogLevel.Information, "The client disconnected during an upload; no response was written (committed transactions stay committed and the ledger skips them when re-sent)")]
    public static partial void UploadAborted(ILogger logger);

    [LoggerMessage(3005, LogLevel.Error, "An upload failed unexpectedly; answered 500")]
    public static partial void UploadFailed(ILogger logger, Exception exception);

    [LoggerMessage(3006, LogLevel.Information, "The upload body could not be read; answered {StatusCode}")]
    public static partial void UploadBodyUnreadable(ILogger logger, Exception exception, int statusCode);

    [LoggerMessage(3007, LogLevel.Information, "A {Shape} upload from client {ClientId} left transactions to re-send; answered {StatusCode} so that the client keeps its queue")]
    public static partial void UploadPending(ILogger logger, string shape, string? clientId, int statusCode);

    [LoggerMessage(3101, LogLevel.Warning, "DEVELOPMENT MODE: issued a PowerSync token for user '{UserId}' to an anonymous caller (?user_id=). Anyone can do this; never enable PowerSync:Auth:DevelopmentMode in production")]
    public static partial void DevelopmentTokenIssued(ILogger logger, string userId);

    [LoggerMessage(3102, LogLevel.Warning, "DEVELOPMENT MODE is on: the PowerSync token endpoint issues tokens for any ?user_id= to anonymous callers. Never enable PowerSync:Auth:DevelopmentMode in production")]
    public static partial void DevelopmentModeEnabled(ILogger logger);

    [LoggerMessage(3103, LogLevel.Debug, "Issued a PowerSync token for user '{UserId}' signed with key '{KeyId}', expiring at {ExpiresAt:O}")]
    public static partial void TokenIssued(ILogger logger, string userId, string keyId, DateTimeOffset expiresAt);

    [LoggerMessage(3104, LogLevel.Information, "Refused a PowerSync token request from an anonymous caller")]
    public static partial void TokenRequestUnauthenticated(ILogger logger);

    [LoggerMessage(3105, LogLevel.Error, "A PowerSync auth endpoint failed unexpectedly; answered 500")]
    public static partial void AuthEndpointFailed(ILogger logger, Exception exception);

    [LoggerMessage(3201, LogLevel.Information, "PowerSync keys loaded: {KeyIds}; signing key: {SigningKeyId}")]
    public static partial void KeysLoaded(ILogger logger, string keyIds, string signingKeyId);

    [LoggerMessage(3202, LogLevel.Warning, "Generated a {Algorithm} development signing key '{KeyId}' and saved it to {Path}. Configure PowerSync:Auth:Keys for production")]
    public static partial void DevelopmentKeyGenerated(ILogger logger, string algorithm, string keyId, string path);

    [LoggerMessage(3203, LogLevel.Information, "Loaded the development signing key '{KeyId}' from {Path}")]
    public static partial void DevelopmentKeyLoaded(ILogger logger, string keyId, string path);

    [LoggerMessage(3204, LogLevel.Warning, "The key file {Path} can be read by other users (mode {Mode}); restrict it to its owner (chmod 600)")]
    public static partial void KeyFileTooOpen(ILogger logger, string path, string mode);

    [LoggerMessage(3301, LogLevel.Information, "Refused a PowerSync token: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string reason);

    [LoggerMessage(3302, LogLevel.Debug, "Authenticated user '{UserId}' with a PowerSync token signed by key '{KeyId}'")]
    public static partial void TokenAccepted(ILogger logger, string userId, string keyId);
}
