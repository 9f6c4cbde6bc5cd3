using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Storage.Internal;

namespace Ml.Sdk.Registry.Tracking;

/// <summary>
/// <see cref="IExperimentTracker"/> for several machines: runs, params and metrics in a PostgreSQL database, run
/// artifacts in the content-addressed folder under <see cref="RegistryOptions.RootPath"/> (a shared volume). Same
/// contract as <see cref="SqliteExperimentTracker"/>; every write is one transaction.
/// </summary>
public sealed class PostgreSqlExperimentTracker : RelationalExperimentTracker
{
    /// <summary>Creates the tracker; the tables and folders are created on first use.</summary>
    /// <param name="options">The registry options: the artifact root and limits.</param>
    /// <param name="postgreSqlOptions">The connection string.</param>
    /// <param name="timeProvider">The clock for run times and metric timestamps.</param>
    /// <param name="logger">Logs run starts and ends.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/>, <paramref name="postgreSqlOptions"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="RegistryOptions.RootPath"/> is empty, or the connection string is invalid.</exception>
    public PostgreSqlExperimentTracker(
        IOptions<RegistryOptions> options, IOptions<PostgreSqlRegistryOptions> postgreSqlOptions, TimeProvider timeProvider, ILogger<PostgreSqlExperimentTracker>? logger = null)
        : base(PostgreSqlRegistryDatabase.Create(options, postgreSqlOptions), options.Value, timeProvider, logger ?? (ILogger)NullLogger.Instance)
    {
    }
}
