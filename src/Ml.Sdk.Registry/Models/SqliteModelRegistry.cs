using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Storage.Internal;

namespace Ml.Sdk.Registry;

/// <summary>
/// The embedded <see cref="IModelRegistry"/>: metadata in the SQLite database under <see cref="RegistryOptions.RootPath"/>,
/// artifacts as content-addressed blobs beside it. Safe to share as a singleton, and for several processes to share the root.
/// </summary>
public sealed class SqliteModelRegistry : RelationalModelRegistry
{
    /// <summary>Creates the registry; the database and folders are created on first use.</summary>
    /// <param name="options">The registry options.</param>
    /// <param name="timeProvider">The clock for timestamps and change polling.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="RegistryOptions.RootPath"/> is empty.</exception>
    public SqliteModelRegistry(IOptions<RegistryOptions> options, TimeProvider timeProvider, ILogger<SqliteModelRegistry> logger)
        : base(RegistryDatabase.Create(options), options.Value, timeProvider, logger)
    {
    }
}
