namespace PowerSync.Backend.Sample.Diagnostics;

/// <summary>The sample's log messages (event ids 9000–9099; the packages use 1000–3999).</summary>
internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Information, "The to-do tables are ready in database '{Database}'")]
    public static partial void SchemaReady(ILogger logger, string database);

    // The one place a token is logged on purpose: development mode, for a demo user, so that it can be pasted into curl.
    [LoggerMessage(9002, LogLevel.Warning, """
        DEVELOPMENT MODE: GET /api/auth/token?user_id=<id> gives anyone a token for any user. Never enable PowerSync:Auth:DevelopmentMode in production.
        Development token for user '{UserId}' (expires {ExpiresAt:u}):
        {Token}
        Try it:
          curl {Url}/health
          curl {Url}/api/auth/keys
          curl '{Url}/api/auth/token?user_id=someone'
          curl -H 'Authorization: Bearer <token>' -H 'PowerSync-Client-Id: curl-1' -H 'Content-Type: application/json' -d '{{"transactions":[{{"transaction_id":1,"crud":[{{"op":"PUT","table":"lists","id":"5b1c2f7e-0d4a-4f55-9a38-1f0e6f3c9a01","op_data":{{"name":"Groceries"}}}}]}}]}}' {Url}/api/data
        """)]
    public static partial void DevelopmentTokenPrinted(ILogger logger, string userId, DateTimeOffset expiresAt, string token, string url);
}
