using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.MySql.TestDriver;

namespace PowerSync.Backend.MySql.Tests.Provider;

public sealed class MySqlErrorClassifierTests
{
    public static TheoryData<int> TransientNumbers => [1205, 1213, 1040, 1042, 1053, 1152, 1158, 1159, 1160, 1161, 1927, 2002, 2003, 2006, 2013, 3024];

    public static TheoryData<int, string> RejectedNumbers => new()
    {
        { 1062, ErrorCodes.UniqueViolation },
        { 1451, ErrorCodes.ForeignKeyViolation },
        { 1452, ErrorCodes.ForeignKeyViolation },
        { 1048, ErrorCodes.NotNullViolation },
        { 1364, ErrorCodes.NotNullViolation },
        { 3819, ErrorCodes.CheckViolation },
        { 4025, ErrorCodes.CheckViolation },
        { 1264, ErrorCodes.InvalidData },
        { 1265, ErrorCodes.InvalidData },
        { 1292, ErrorCodes.InvalidData },
        { 1366, ErrorCodes.InvalidData },
        { 1406, ErrorCodes.InvalidData },
        { 1054, ErrorCodes.SchemaMismatch },
        { 1146, ErrorCodes.SchemaMismatch },
        { 1142, ErrorCodes.Unauthorized },
        { 1143, ErrorCodes.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(TransientNumbers))]
    public void Transient_error_numbers_are_retried(int number)
    {
        var classification = MySqlErrorClassifier.Classify(number, "HY000");
        Assert.NotNull(classification);
        Assert.True(classification.Value.IsTransient);
    }

    [Theory]
    [MemberData(nameof(RejectedNumbers))]
    public void Data_and_schema_error_numbers_are_rejected_with_their_code(int number, string code)
    {
        var classification = MySqlErrorClassifier.Classify(number, "23000");
        Assert.NotNull(classification);
        Assert.False(classification.Value.IsTransient);
        Assert.Equal(code, classification.Value.ErrorCode);
    }

    [Theory]
    [InlineData("40001")]
    [InlineData("40000")]
    [InlineData("08S01")]
    [InlineData("08004")]
    public void SQLSTATE_classes_08_and_40_are_retried_whatever_the_number(string sqlState)
    {
        // A SIGNAL's errno is 1644 unless it sets MYSQL_ERRNO.
        var classification = MySqlErrorClassifier.Classify(1644, sqlState);
        Assert.NotNull(classification);
        Assert.True(classification.Value.IsTransient);
    }

    [Fact]
    public void Unknown_numbers_are_left_to_the_pipeline()
    {
        Assert.Null(MySqlErrorClassifier.Classify(1644, "45000"));
        Assert.Null(MySqlErrorClassifier.Classify(9999, null));
    }

    [Fact]
    public void Exceptions_without_Number_are_not_classified() =>
        Assert.Null(new MySqlErrorClassifier().Classify(new InvalidOperationException("no number")));

    [Fact]
    public void A_driver_exception_wrapped_in_another_is_read_through_its_Number_and_SqlState() =>
        Assert.Equal(ErrorCodes.UniqueViolation, new MySqlErrorClassifier().Classify(new InvalidOperationException("outer", new FakeMySqlException(1062, "23000")))?.ErrorCode);

    [Fact]
    public async Task Real_server_errors_are_classified_by_number()
    {
        var table = MariaDbServer.UniqueName("cls");
        await using var connection = await MariaDbServer.OpenAsync();
        try
        {
            await connection.ExecAsync($"CREATE TABLE `{table}` (id INT PRIMARY KEY, name VARCHAR(3) NOT NULL)");
            await connection.ExecAsync($"INSERT INTO `{table}` VALUES (1, 'a')");
            var classifier = new MySqlErrorClassifier();
            async Task<ErrorClassification?> Classify(string sql)
            {
                var exception = await Assert.ThrowsAsync<MariaDbException>(() => connection.ExecAsync(sql));
                return classifier.Classify(exception);
            }

            Assert.Equal(ErrorCodes.UniqueViolation, (await Classify($"INSERT INTO `{table}` VALUES (1, 'b')"))?.ErrorCode);
            Assert.Equal(ErrorCodes.NotNullViolation, (await Classify($"INSERT INTO `{table}` VALUES (2, NULL)"))?.ErrorCode);
            Assert.Equal(ErrorCodes.InvalidData, (await Classify($"INSERT INTO `{table}` VALUES (2, 'abcd')"))?.ErrorCode);
            Assert.Equal(ErrorCodes.InvalidData, (await Classify($"INSERT INTO `{table}` VALUES ('x', 'a')"))?.ErrorCode);
            Assert.Equal(ErrorCodes.SchemaMismatch, (await Classify($"SELECT nope FROM `{table}`"))?.ErrorCode);
            Assert.Equal(ErrorCodes.SchemaMismatch, (await Classify("SELECT 1 FROM no_such_table_here"))?.ErrorCode);
            var signal = await Classify("SIGNAL SQLSTATE '40001' SET MESSAGE_TEXT = 'injected'");
            Assert.True(signal?.IsTransient);
        }
        finally
        {
            await MariaDbTestExtensions.DropTablesAsync(table);
        }
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        await using var connection = new MariaDbConnection("Server=127.0.0.1;Port=1;User ID=powersync;Password=powersync");
        var exception = await Assert.ThrowsAsync<MariaDbException>(() => connection.OpenAsync());
        Assert.True(new MySqlErrorClassifier().Classify(exception)?.IsTransient);
    }

    private sealed class FakeMySqlException(int number, string sqlState) : Exception("fake")
    {
        public int Number { get; } = number;

        public string SqlState { get; } = sqlState;
    }
}
