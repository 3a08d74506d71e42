using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace PowerSync.Backend.Sample.Database;

/// <summary>Healthy when PostgreSQL answers a query: without it no upload can be applied.</summary>
internal sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly NpgsqlDataSource _dataSource;

    public DatabaseHealthCheck(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // The description is served to anonymous callers: say what is down, not why.
            return new HealthCheckResult(context.Registration.FailureStatus, "the database does not answer", exception);
        }
    }
}
