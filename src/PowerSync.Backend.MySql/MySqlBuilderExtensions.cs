using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PowerSync.Backend.Core.DependencyInjection;

namespace PowerSync.Backend.MySql;

/// <summary>Registers MySQL 8.0+ or MariaDB 10.6+ as the database of the upload pipeline, through any ADO.NET driver.</summary>
public static class MySqlBuilderExtensions
{
    /// <summary>Uses MySQL or MariaDB through a data source the application already has (MySqlConnector's <c>MySqlDataSource</c>).</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="dataSource">The data source; the application keeps ownership.</param>
    /// <param name="configure">Sets the provider's options.</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder UseMySql(this PowerSyncBackendBuilder builder, DbDataSource dataSource, Action<MySqlBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UseMySql(dataSource, ownsDataSource: false, configure);
    }

    /// <summary>Uses MySQL or MariaDB through a connection factory, for drivers without a <see cref="DbDataSource"/>.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="connectionFactory">Creates a new, unopened connection.</param>
    /// <param name="configure">Sets the provider's options.</param>
    /// <returns>The builder.</returns>
    public static PowerSyncBackendBuilder UseMySql(this PowerSyncBackendBuilder builder, Func<DbConnection> connectionFactory, Action<MySqlBackendOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connectionFactory);
        return builder.UseMySql(new ConnectionFactoryDataSource(connectionFactory), ownsDataSource: true, configure);
    }

    private static PowerSyncBackendBuilder UseMySql(this PowerSyncBackendBuilder builder, DbDataSource dataSource, bool ownsDataSource, Action<MySqlBackendOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new MySqlBackendOptions();
        configure?.Invoke(options);
        Validate(options);
        return builder.UseStore<MySqlStore, MySqlErrorClassifier>(services =>
            new MySqlStore(dataSource, options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<MySqlStore>>(), ownsDataSource));
    }

    private static void Validate(MySqlBackendOptions options)
    {
        string? problem = null;
        if (options.Database is "" || string.IsNullOrEmpty(options.IdColumn) || string.IsNullOrEmpty(options.LedgerDatabase))
        {
            problem = "Database (when set), IdColumn and LedgerDatabase must not be empty.";
        }
        else if (options.SchemaRefreshInterval < TimeSpan.Zero)
        {
            problem = "SchemaRefreshInterval must not be negative.";
        }
        else if (options.MaxRowsPerStatement < 1 || options.MaxParametersPerStatement < 1 || options.MaxBytesPerStatement < 1024)
        {
            problem = "MaxRowsPerStatement and MaxParametersPerStatement must be positive, MaxBytesPerStatement at least 1024.";
        }
        else if (options.TimeZone is null)
        {
            problem = "TimeZone must be set.";
        }

        if (problem is not null)
        {
            throw new ArgumentException("Invalid MySQL options: " + problem, nameof(options));
        }
    }
}
