using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.Core.DependencyInjection;

namespace PowerSync.Backend.SqlServer;

/// <summary>Registers SQL Server as the database of the upload pipeline, through the application's own ADO.NET driver.</summary>
/// <remarks>
/// The package pins no driver: pass Microsoft.Data.SqlClient's data source (<c>SqlClientFactory.Instance.CreateDataSource(cs)</c>)
/// or a connection factory (<c>() =&gt; new SqlConnection(cs)</c>).
/// </remarks>
public static class SqlServerBuilderExtensions
{
    /// <summary>Uses SQL Server through a data source the application already has.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="dataSource">The data source; the application keeps ownership.</param>
    /// <param name="configure">Sets the provider's options.</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder UseSqlServer(this PowerSyncBackendBuilder builder, DbDataSource dataSource, Action<SqlServerBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UseSqlServer(_ => (dataSource, false), configure);
    }

    /// <summary>Uses SQL Server through a connection factory (each call returns a new, closed connection).</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="connectionFactory">Makes connections, for example <c>() =&gt; new SqlConnection(connectionString)</c>.</param>
    /// <param name="configure">Sets the provider's options.</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder UseSqlServer(this PowerSyncBackendBuilder builder, Func<DbConnection> connectionFactory, Action<SqlServerBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        return builder.UseSqlServer(_ => (new ConnectionFactoryDataSource(connectionFactory), true), configure);
    }

    private static PowerSyncBackendBuilder UseSqlServer(this PowerSyncBackendBuilder builder, Func<IServiceProvider, (DbDataSource DataSource, bool Owned)> dataSource, Action<SqlServerBackendOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SqlServerBackendOptions();
        configure?.Invoke(options);
        Validate(options);
        return builder.UseStore<SqlServerStore, SqlServerErrorClassifier>(services =>
        {
            var (source, owned) = dataSource(services);
            return new SqlServerStore(source, options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<SqlServerStore>>(), owned);
        });
    }

    private static void Validate(SqlServerBackendOptions options)
    {
        string? problem = null;
        if (string.IsNullOrEmpty(options.Schema) || string.IsNullOrEmpty(options.IdColumn) || string.IsNullOrEmpty(options.LedgerSchema))
        {
            problem = "Schema, IdColumn and LedgerSchema must not be empty.";
        }
        else if (options.Schema.Length > 128 || options.LedgerSchema.Length > 128)
        {
            problem = "Schema and LedgerSchema are SQL Server names of at most 128 characters.";
        }
        else if (options.SchemaRefreshInterval < TimeSpan.Zero)
        {
            problem = "SchemaRefreshInterval must not be negative.";
        }
        else if (options.SessionContextKey is { Length: 0 or > 128 })
        {
            problem = "SessionContextKey must hold 1 to 128 characters.";
        }

        if (problem is not null)
        {
            throw new ArgumentException("Invalid SQL Server options: " + problem, nameof(options));
        }
    }
}
