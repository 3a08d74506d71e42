using Npgsql;
using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.Postgres.Tests;

public sealed class PostgresErrorClassifierTests
{
    [Theory]
    [InlineData("08000")]
    [InlineData("08006")]
    [InlineData("08007")]
    [InlineData("40001")]
    [InlineData("40P01")]
    [InlineData("53100")]
    [InlineData("53300")]
    [InlineData("55P03")]
    [InlineData("57P01")]
    [InlineData("57P02")]
    [InlineData("57P03")]
    [InlineData("58030")]
    public void Transient_states_are_retried(string sqlState)
    {
        var classification = new PostgresErrorClassifier().Classify(new PostgresException("x", "ERROR", "ERROR", sqlState));
        Assert.NotNull(classification);
        Assert.True(classification.Value.IsTransient);
        Assert.Equal(sqlState, classification.Value.ErrorCode);
    }

    [Theory]
    [InlineData("23502", ErrorCodes.NotNullViolation)]
    [InlineData("23503", ErrorCodes.ForeignKeyViolation)]
    [InlineData("23505", ErrorCodes.UniqueViolation)]
    [InlineData("23514", ErrorCodes.CheckViolation)]
    [InlineData("23P01", ErrorCodes.ConstraintViolation)]
    [InlineData("22P02", ErrorCodes.InvalidData)]
    [InlineData("22003", ErrorCodes.InvalidData)]
    [InlineData("42501", ErrorCodes.Unauthorized)]
    [InlineData("42P01", ErrorCodes.SchemaMismatch)]
    [InlineData("42703", ErrorCodes.SchemaMismatch)]
    public void Permanent_states_are_rejected_with_their_code(string sqlState, string code)
    {
        var classification = new PostgresErrorClassifier().Classify(new PostgresException("x", "ERROR", "ERROR", sqlState));
        Assert.Equal(ErrorClassification.Rejected(code), classification);
    }

    [Theory]
    [InlineData("XX000")]
    [InlineData("57014")]
    [InlineData("P0001")]
    public void Unknown_states_are_left_to_the_pipeline(string sqlState) =>
        Assert.Null(new PostgresErrorClassifier().Classify(new PostgresException("x", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Other_exceptions_are_not_recognised() =>
        Assert.Null(new PostgresErrorClassifier().Classify(new InvalidOperationException("x")));

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        // Port 1 on loopback is closed: Npgsql raises a real NpgsqlException flagged transient.
        await using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=2");
        var exception = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());
        var classification = new PostgresErrorClassifier().Classify(exception);
        Assert.NotNull(classification);
        Assert.True(classification.Value.IsTransient);
    }

    [Fact]
    public async Task A_real_unique_violation_from_the_server_is_rejected()
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);
        await using var command = dataSource.CreateCommand("CREATE TEMP TABLE u (id int primary key); INSERT INTO u VALUES (1), (1)");
        var exception = await Assert.ThrowsAsync<PostgresException>(async () => await command.ExecuteNonQueryAsync());
        Assert.Equal(ErrorClassification.Rejected(ErrorCodes.UniqueViolation), new PostgresErrorClassifier().Classify(exception));
    }
}
