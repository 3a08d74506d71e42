using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PowerSync.Backend.Core.DependencyInjection;

namespace PowerSync.Backend.Postgres;

/// <summary>Registers PostgreSQL as the database of the upload pipeline.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>Uses PostgreSQL through a data source the application already has.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="dataSource">The data source; the application keeps ownership.</param>
    /// <param name="configure">Sets the provider's options.</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder UsePostgres(this PowerSyncBackendBuilder builder, NpgsqlDataSource dataSource, Action<PostgresBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UsePostgres(_ => (dataSource, false), configure);
    }

    /// <summary>Uses PostgreSQL through a connection string; the provider owns the data source it builds.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Sets the provider's options.</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder UsePostgres(this PowerSyncBackendBuilder builder, string connectionString, Action<PostgresBackendOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return builder.UsePostgres(_ => (NpgsqlDataSource.Create(connectionString), true), configure);
    }

    /// <summary>Uses PostgreSQL through the <see cref="NpgsqlDataSource"/> registered in DI (for example by <c>AddNpgsqlDataSource</c>).</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="configure">Sets the provider's options.</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder UsePostgres(this PowerSyncBackendBuilder builder, Action<PostgresBackendOptions>? configure = null) =>
        builder.UsePostgres(
            services => (services.GetService<NpgsqlDataSource>() ?? throw new InvalidOperationException(
                "UsePostgres() found no NpgsqlDataSource in DI: register one (AddNpgsqlDataSource) or pass a data source or connection string."), false),
            configure);

    private static PowerSyncBackendBuilder UsePostgres(this PowerSyncBackendBuilder builder, Func<IServiceProvider, (NpgsqlDataSource DataSource, bool Owned)> dataSource, Action<PostgresBackendOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PostgresBackendOptions();
        configure?.Invoke(options);
        Validate(options);
        return builder.UseStore<PostgresStore, PostgresErrorClassifier>(services =>
        {
            var (source, owned) = dataSource(services);
            return new PostgresStore(source, options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<PostgresStore>>(), owned);
        });
    }

    private static void Validate(PostgresBackendOptions options)
    {
        string? problem = null;
        if (string.IsNullOrEmpty(options.Schema) || string.IsNullOrEmpty(options.IdColumn) || string.IsNullOrEmpty(options.LedgerSchema))
        {
            problem = "Schema, IdColumn and LedgerSchema must not be empty.";
        }
        else if (options.SchemaRefreshInterval < TimeSpan.Zero)
        {
            problem = "SchemaRefreshInterval must not be negative.";
        }
        else if (options.UserIdSetting is { } setting && !setting.Contains('.', StringComparison.Ordinal))
        {
            problem = "UserIdSetting must be a custom setting with a prefix, such as 'app.user_id'.";
        }

        if (problem is not null)
        {
            throw new ArgumentException("Invalid PostgreSQL options: " + problem, nameof(options));
        }
    }
}
