using Npgsql;
using PowerSync.Backend.Sample.Diagnostics;

namespace PowerSync.Backend.Sample.Database;

/// <summary>
/// Creates the to-do tables before the server takes requests (hosted services start before Kestrel listens), so a
/// fresh database works at once and an unreachable one stops start-up with a clear error.
/// </summary>
internal sealed class SchemaInitializer : IHostedService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<SchemaInitializer> _logger;

    public SchemaInitializer(NpgsqlDataSource dataSource, ILogger<SchemaInitializer> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(TodoSchema.CreateSql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Log.SchemaReady(_logger, connection.Database);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
