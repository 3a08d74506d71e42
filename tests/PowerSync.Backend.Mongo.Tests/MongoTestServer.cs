using System.Reflection;
using PowerSync.Backend.Mongo.Tests.Double;

namespace PowerSync.Backend.Mongo.Tests;

/// <summary>
/// Which executor the conformance suites run through. By default the <see cref="InMemoryMongoExecutorDouble"/>
/// test double. With <c>POWERSYNC_TEST_MONGO</c> set to a connection string, a real executor is required, which
/// this repository cannot compile (MongoDB.Driver does not restore here): name one with
/// <c>POWERSYNC_TEST_MONGO_EXECUTOR=/path/Executor.dll|Namespace.Type</c>, a type implementing
/// <see cref="IMongoCommandExecutor"/> with a public constructor taking the connection string.
/// </summary>
internal static class MongoTestServer
{
    /// <summary>The connection string of a real server, when one is configured.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable("POWERSYNC_TEST_MONGO") is { Length: > 0 } value ? value : null;

    /// <summary>Says which executor the suites use.</summary>
    public static string Description => ConnectionString is null
        ? "InMemoryMongoExecutorDouble (a test double, not a MongoDB server)"
        : "the executor named by POWERSYNC_TEST_MONGO_EXECUTOR against the server of POWERSYNC_TEST_MONGO";

    /// <summary>Creates the executor for one test.</summary>
    public static IMongoCommandExecutor CreateExecutor()
    {
        if (ConnectionString is not { } connectionString)
        {
            return new InMemoryMongoExecutorDouble();
        }

        var name = Environment.GetEnvironmentVariable("POWERSYNC_TEST_MONGO_EXECUTOR");
        var parts = name?.Split('|', 2);
        if (parts is not { Length: 2 })
        {
            throw new InvalidOperationException(
                "POWERSYNC_TEST_MONGO is set, so the suites must run against a real server, but that needs an executor bound to MongoDB.Driver, "
                + "which cannot be compiled in this repository. Build one (see src/PowerSync.Backend.Mongo/README.md) and set "
                + "POWERSYNC_TEST_MONGO_EXECUTOR=/path/Executor.dll|Namespace.Type; or unset POWERSYNC_TEST_MONGO to use the test double.");
        }

        var type = Assembly.LoadFrom(parts[0]).GetType(parts[1], throwOnError: true)!;
        return (IMongoCommandExecutor)Activator.CreateInstance(type, connectionString)!;
    }
}
