using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Storage.Internal;

namespace Ml.Sdk.Registry;

/// <summary>
/// The <see cref="IModelRegistry"/> for several machines: metadata in a PostgreSQL database, artifacts as
/// content-addressed blobs under <see cref="RegistryOptions.RootPath"/>, a folder every machine shares. Same contract
/// as <see cref="SqliteModelRegistry"/>: gap-free version numbers under concurrent writers, immutable versions,
/// verified artifacts. Safe to share as a singleton.
/// </summary>
public sealed class PostgreSqlModelRegistry : RelationalModelRegistry
{
    /// <summary>Creates the registry; the tables and folders are created on first use.</summary>
    /// <param name="options">The registry options: the artifact root, limits and polling.</param>
    /// <param name="postgreSqlOptions">The connection string.</param>
    /// <param name="timeProvider">The clock for timestamps and change polling.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="RegistryOptions.RootPath"/> is empty, or the connection string is invalid.</exception>
    public PostgreSqlModelRegistry(
        IOptions<RegistryOptions> options, IOptions<PostgreSqlRegistryOptions> postgreSqlOptions, TimeProvider timeProvider, ILogger<PostgreSqlModelRegistry> logger)
        : base(PostgreSqlRegistryDatabase.Create(options, postgreSqlOptions), options.Value, timeProvider, logger)
    {
    }
}
