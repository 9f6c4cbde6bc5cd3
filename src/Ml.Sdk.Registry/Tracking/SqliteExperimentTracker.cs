using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Storage.Internal;

namespace Ml.Sdk.Registry.Tracking;

/// <summary>
/// <see cref="IExperimentTracker"/> on the embedded SQLite database under <see cref="RegistryOptions.RootPath"/>.
/// Every write is one transaction; several processes may track into the same root.
/// </summary>
public sealed class SqliteExperimentTracker : RelationalExperimentTracker
{
    /// <summary>Creates the tracker.</summary>
    /// <param name="options">The registry options (root path, busy timeout).</param>
    /// <param name="timeProvider">The clock for run times and metric timestamps.</param>
    /// <param name="logger">Logs run starts and ends.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public SqliteExperimentTracker(IOptions<RegistryOptions> options, TimeProvider timeProvider, ILogger<SqliteExperimentTracker>? logger = null)
        : base(RegistryDatabase.Create(options), options.Value, timeProvider, logger ?? (ILogger)NullLogger.Instance)
    {
    }
}
