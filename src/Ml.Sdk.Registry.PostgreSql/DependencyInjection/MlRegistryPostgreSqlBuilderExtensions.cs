using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.DependencyInjection;
using Ml.Sdk.Registry.Tracking;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Moves the Ml.Sdk model registry onto PostgreSQL.</summary>
public static class MlRegistryPostgreSqlBuilderExtensions
{
    /// <summary>
    /// Replaces the SQLite stores registered by <c>AddMlRegistry()</c> with <see cref="PostgreSqlModelRegistry"/> and
    /// <see cref="PostgreSqlExperimentTracker"/>: <see cref="IModelRegistry"/> and <see cref="IExperimentTracker"/> resolve
    /// to them, and <see cref="SqliteModelRegistry"/> and <see cref="SqliteExperimentTracker"/> are no longer registered.
    /// Artifacts stay under <see cref="RegistryOptions.RootPath"/>. The connection string is validated when the host starts.
    /// </summary>
    /// <param name="builder">The builder that <c>AddMlRegistry()</c> returned.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlRegistryBuilder UsePostgreSql(this IMlRegistryBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return builder.UsePostgreSql(o => o.ConnectionString = connectionString);
    }

    /// <summary>Replaces the SQLite stores with the PostgreSQL ones, configured by a callback.</summary>
    /// <param name="builder">The builder that <c>AddMlRegistry()</c> returned.</param>
    /// <param name="configure">Configures <see cref="PostgreSqlRegistryOptions"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IMlRegistryBuilder UsePostgreSql(this IMlRegistryBuilder builder, Action<PostgreSqlRegistryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        IServiceCollection services = builder.Services;
        services.AddOptions<PostgreSqlRegistryOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlRegistryOptions>, PostgreSqlRegistryOptionsValidator>());
        services.RemoveAll<SqliteModelRegistry>();
        services.RemoveAll<IModelRegistry>();
        services.TryAddSingleton(static provider => new PostgreSqlModelRegistry(
            provider.GetRequiredService<IOptions<RegistryOptions>>(),
            provider.GetRequiredService<IOptions<PostgreSqlRegistryOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<PostgreSqlModelRegistry>>() ?? NullLogger<PostgreSqlModelRegistry>.Instance));
        services.AddSingleton<IModelRegistry>(static provider => provider.GetRequiredService<PostgreSqlModelRegistry>());
        services.RemoveAll<SqliteExperimentTracker>();
        services.RemoveAll<IExperimentTracker>();
        services.TryAddSingleton(static provider => new PostgreSqlExperimentTracker(
            provider.GetRequiredService<IOptions<RegistryOptions>>(),
            provider.GetRequiredService<IOptions<PostgreSqlRegistryOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<PostgreSqlExperimentTracker>>()));
        services.AddSingleton<IExperimentTracker>(static provider => provider.GetRequiredService<PostgreSqlExperimentTracker>());
        return builder;
    }
}
