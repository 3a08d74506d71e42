using PowerSync.Backend.Mongo.Tests.Conformance;
using PowerSync.Backend.Mongo.Tests.Double;
using Xunit.Abstractions;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>States which executor the conformance suites ran through, so a green run is never mistaken for a server run.</summary>
public sealed class MongoExecutorInUseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_conformance_suites_use_the_test_double_unless_POWERSYNC_TEST_MONGO_is_set()
    {
        output.WriteLine("MongoDB conformance executor: " + MongoTestServer.Description);
        if (MongoTestServer.ConnectionString is null)
        {
            await using var database = new MongoConformanceDatabase();
            Assert.IsType<InMemoryMongoExecutorDouble>(database.Executor);
        }
        else if (Environment.GetEnvironmentVariable("POWERSYNC_TEST_MONGO_EXECUTOR") is null)
        {
            var error = Assert.Throws<InvalidOperationException>(() => new MongoConformanceDatabase());
            Assert.Contains("POWERSYNC_TEST_MONGO_EXECUTOR", error.Message, StringComparison.Ordinal);
        }
    }
}
