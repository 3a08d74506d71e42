namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>
/// Marks a test class (its inherited tests included) as needing a live SQL Server: without
/// <c>POWERSYNC_TEST_SQLSERVER</c>, <see cref="SqlServerTestFramework"/> reports each of its tests as skipped with
/// <see cref="SqlServerTestServer.SkipReason"/> instead of running it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresSqlServerAttribute : Attribute;
