using Microsoft.Data.SqlClient;
using PowerSync.Backend.Core.Errors;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>The number table, and proof with real <see cref="SqlException"/>s that the number reaches the classifier without a driver reference.</summary>
public sealed class SqlServerErrorClassifierTests
{
    private readonly SqlServerErrorClassifier _classifier = new();

    [Theory]
    [InlineData(1205)]
    [InlineData(1222)]
    [InlineData(49918)]
    [InlineData(49919)]
    [InlineData(49920)]
    [InlineData(40501)]
    [InlineData(40613)]
    [InlineData(40197)]
    [InlineData(4060)]
    [InlineData(233)]
    [InlineData(64)]
    [InlineData(10053)]
    [InlineData(10054)]
    [InlineData(10060)]
    [InlineData(10928)]
    [InlineData(10929)]
    [InlineData(-2)]
    public void Transient_numbers_are_retried(int number)
    {
        Assert.True(_classifier.Classify(new FakeSqlException(number))?.IsTransient);
    }

    [Theory]
    [InlineData(2627, ErrorCodes.UniqueViolation)]
    [InlineData(2601, ErrorCodes.UniqueViolation)]
    [InlineData(547, ErrorCodes.ConstraintViolation)]
    [InlineData(515, ErrorCodes.NotNullViolation)]
    [InlineData(245, ErrorCodes.InvalidData)]
    [InlineData(8114, ErrorCodes.InvalidData)]
    [InlineData(8115, ErrorCodes.InvalidData)]
    [InlineData(8152, ErrorCodes.InvalidData)]
    [InlineData(2628, ErrorCodes.InvalidData)]
    [InlineData(241, ErrorCodes.InvalidData)]
    [InlineData(242, ErrorCodes.InvalidData)]
    [InlineData(207, ErrorCodes.SchemaMismatch)]
    [InlineData(208, ErrorCodes.SchemaMismatch)]
    [InlineData(229, ErrorCodes.Unauthorized)]
    [InlineData(230, ErrorCodes.Unauthorized)]
    public void Permanent_numbers_are_rejected_with_their_code(int number, string code)
    {
        Assert.Equal(ErrorClassification.Rejected(code), _classifier.Classify(new FakeSqlException(number)));
    }

    [Fact]
    public void A_foreign_key_or_check_failure_is_one_code_whatever_the_message_says()
    {
        // 547 is both; the message names which, but message text is never parsed.
        Assert.Equal(ErrorCodes.ConstraintViolation, SqlServerErrorClassifier.Classify(547)?.ErrorCode);
    }

    [Fact]
    public void Unknown_numbers_and_exceptions_without_a_number_are_left_unclassified()
    {
        Assert.Null(_classifier.Classify(new FakeSqlException(50000)));
        Assert.Null(_classifier.Classify(new InvalidOperationException("no number")));
    }

    [Fact]
    public void A_number_inside_an_inner_exception_is_found()
    {
        Assert.True(_classifier.Classify(new InvalidOperationException("wrapped", new FakeSqlException(1205)))?.IsTransient);
    }

    [Fact]
    public async Task A_real_SqlException_from_a_closed_port_reaches_the_classifier_as_a_connection_failure()
    {
        var exception = await RealSqlExceptionAsync();

        // SqlClient reports a refused connection as number 0 with severity 20 (the connection is gone).
        Assert.Equal((0, (byte)20), (exception.Number, exception.Class));
        Assert.Equal(0, SqlServerErrorClassifier.NumberOf(exception));
        Assert.Equal(ErrorClassification.Transient("connection"), _classifier.Classify(exception));
        Assert.Equal(ErrorClassification.Transient("connection"), _classifier.Classify(new InvalidOperationException("apply failed", exception)));
    }

    [Theory]
    [InlineData(1205, (byte)13, null)]
    [InlineData(-2, (byte)11, null)]
    [InlineData(2627, (byte)14, ErrorCodes.UniqueViolation)]
    [InlineData(547, (byte)16, ErrorCodes.ConstraintViolation)]
    [InlineData(515, (byte)16, ErrorCodes.NotNullViolation)]
    [InlineData(208, (byte)16, ErrorCodes.SchemaMismatch)]
    public void A_real_SqlException_built_by_the_driver_is_classified_by_its_Number(int number, byte severity, string? rejectedAs)
    {
        var exception = RealSqlExceptions.Create(number, severity);

        Assert.Equal(number, exception.Number);
        var classification = _classifier.Classify(exception);
        Assert.NotNull(classification);
        Assert.Equal(rejectedAs is null, classification.Value.IsTransient);
        if (rejectedAs is not null)
        {
            Assert.Equal(rejectedAs, classification.Value.ErrorCode);
        }
    }

    [Fact]
    public void An_unknown_number_of_low_severity_stays_unclassified_even_from_the_real_driver()
    {
        Assert.Null(_classifier.Classify(RealSqlExceptions.Create(50000, 16)));
    }

    /// <summary>A connection to a loopback port nobody listens on: SqlClient throws a real <see cref="SqlException"/>.</summary>
    internal static async Task<SqlException> RealSqlExceptionAsync()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var connection = new SqlConnection($"Server=tcp:127.0.0.1,{port};Connect Timeout=1;ConnectRetryCount=0;Pooling=false;Encrypt=false");
        return await Assert.ThrowsAsync<SqlException>(() => connection.OpenAsync());
    }
}
