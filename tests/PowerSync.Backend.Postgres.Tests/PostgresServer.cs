namespace PowerSync.Backend.Postgres.Tests;

/// <summary>Where the PostgreSQL server started by <c>scripts/db/postgres.sh</c> listens.</summary>
internal static class PostgresServer
{
    /// <summary>The connection string: <c>POWERSYNC_TEST_POSTGRES</c>, or the scripts' default.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("POWERSYNC_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=54329;Username=powersync;Password=powersync;Database=powersync_test";
}
