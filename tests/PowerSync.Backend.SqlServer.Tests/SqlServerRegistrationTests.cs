using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using PowerSync.Backend.Core.Applying;
using PowerSync.Backend.Core.DeadLetters;
using PowerSync.Backend.Core.Errors;
using PowerSync.Backend.Core.Idempotency;
using PowerSync.Backend.Testing;

namespace PowerSync.Backend.SqlServer.Tests;

/// <summary>Registration through <c>UseSqlServer</c>, option validation, and the package's freedom from any driver.</summary>
public sealed class SqlServerRegistrationTests
{
    private const string Unreachable = "Server=127.0.0.1,1;Connect Timeout=1";

    [Fact]
    public async Task UseSqlServer_with_a_data_source_registers_one_store_for_every_seam_and_the_classifier()
    {
        await using var services = Build(b => b.UseSqlServer(SqlClientFactory.Instance.CreateDataSource(Unreachable)));

        var store = services.GetRequiredService<SqlServerStore>();
        Assert.Same(store, services.GetRequiredService<ICrudApplier>());
        Assert.Same(store, services.GetRequiredService<IIdempotencyLedger>());
        Assert.Same(store, services.GetRequiredService<IDeadLetterStore>());
        Assert.Contains(services.GetServices<IErrorClassifier>(), c => c is SqlServerErrorClassifier);
    }

    [Fact]
    public async Task UseSqlServer_with_a_connection_factory_builds_connections_from_it()
    {
        await using var services = Build(b => b.UseSqlServer(() => new SqlConnection(Unreachable)));

        Assert.NotNull(services.GetRequiredService<SqlServerStore>());
        using var source = new ConnectionFactoryDataSource(() => new SqlConnection(Unreachable));
        using var connection = source.CreateConnection();
        Assert.IsType<SqlConnection>(connection);
    }

    [Theory]
    [InlineData("", "powersync", null)]
    [InlineData("dbo", "", null)]
    [InlineData("dbo", "powersync", "")]
    public void Invalid_options_are_refused_at_registration(string schema, string ledgerSchema, string? sessionKey)
    {
        var builder = new ServiceCollection();
        Assert.Throws<ArgumentException>(() => builder.AddPowerSyncBackend(b => b.UseSqlServer(SqlClientFactory.Instance.CreateDataSource(Unreachable), o =>
        {
            o.Schema = schema;
            o.LedgerSchema = ledgerSchema;
            o.SessionContextKey = sessionKey;
        })));
    }

    [Fact]
    public void The_package_references_no_driver()
    {
        var references = typeof(SqlServerStore).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(references, name => name!.Contains("SqlClient", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Options_document_their_defaults()
    {
        var options = new SqlServerBackendOptions();

        Assert.Equal(("dbo", "id", "powersync", true, null, TimeSpan.FromSeconds(5)), (options.Schema, options.IdColumn, options.LedgerSchema, options.ApplyMigrations, options.SessionContextKey, options.SchemaRefreshInterval));
    }

    private static ServiceProvider Build(Action<Core.DependencyInjection.PowerSyncBackendBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new TestTimeProvider());
        services.AddLogging();
        services.AddPowerSyncBackend(configure);
        return services.BuildServiceProvider();
    }
}
