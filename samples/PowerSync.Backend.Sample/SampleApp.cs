using Npgsql;
using PowerSync.Backend.AspNetCore.Authentication;
using PowerSync.Backend.Postgres;
using PowerSync.Backend.Sample.Authorization;
using PowerSync.Backend.Sample.Database;
using PowerSync.Backend.Sample.Development;

namespace PowerSync.Backend.Sample;

/// <summary>Builds the sample backend; <c>Program</c> runs it, tests start it in-process.</summary>
public static class SampleApp
{
    /// <summary>The connection string's name: <c>ConnectionStrings:PowerSync</c> (environment: <c>ConnectionStrings__PowerSync</c>).</summary>
    public const string ConnectionStringName = "PowerSync";

    /// <summary>Builds the app: services, endpoints, nothing started yet.</summary>
    /// <param name="args">Command-line arguments (they override every other configuration source).</param>
    /// <param name="configure">
    /// Runs right after the builder is created, before the sample registers anything: add configuration, or services
    /// the sample only adds when missing (a <see cref="TimeProvider"/>, say).
    /// </param>
    /// <returns>The app; <c>RunAsync</c> or <c>StartAsync</c> it.</returns>
    /// <exception cref="InvalidOperationException">No connection string is configured.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The entry assembly is the test host when tests build the app; name ours so that nothing depends on it.
            ApplicationName = typeof(SampleApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No database: set ConnectionStrings:{ConnectionStringName} (environment variable ConnectionStrings__{ConnectionStringName}), or start the sample with ./scripts/run.sh.");
        }

        AddServices(builder.Services, connectionString);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health");
        app.MapPowerSyncAuth();                                     // GET /api/auth/keys, GET /api/auth/token
        app.MapPowerSyncUpload("/api/data").RequireAuthorization(); // uploadData() of every client
        return app;
    }

    private static void AddServices(IServiceCollection services, string connectionString)
    {
        // One data source for the whole app: the upload pipeline (UsePostgres()), the ownership hook and the health check.
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(connectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());
        services.AddHostedService<SchemaInitializer>();

        services.AddPowerSyncBackend(backend => backend
            .UsePostgres(pg =>
            {
                pg.Schema = TodoSchema.Schema;
                pg.Tables.UnionWith([TodoSchema.Lists, TodoSchema.Todos]);
                // A PUT carries the client's whole row (every non-null column): the stored row becomes exactly that.
                pg.ReplaceOnPut.UnionWith([TodoSchema.Lists, TodoSchema.Todos]);
            })
            .AddAuthorizationHook<OwnershipAuthorizationHook>()
            .ConfigureTodoTables());

        // Uploads carry the very tokens the token endpoint issues (the client already holds one for the PowerSync
        // Service), so the same keys and rules authenticate them.
        services.AddPowerSyncAuth();
        services.AddAuthentication(PowerSyncTokenDefaults.AuthenticationScheme).AddPowerSyncToken();
        services.AddAuthorization();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHostedService<DevelopmentTokenBanner>();
    }
}
