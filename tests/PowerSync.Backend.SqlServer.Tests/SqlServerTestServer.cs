namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>Where a SQL Server for the live tests is: <c>POWERSYNC_TEST_SQLSERVER</c>, or nowhere (no registry here offers one).</summary>
internal static class SqlServerTestServer
{
    /// <summary>Why the live tests are skipped when no server is configured.</summary>
    public const string SkipReason = "POWERSYNC_TEST_SQLSERVER is not set: no SQL Server is reachable from this build";

    /// <summary>The connection string, or <see langword="null"/> when none is configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable("POWERSYNC_TEST_SQLSERVER") is { Length: > 0 } configured ? configured : null;
}
