using System.ComponentModel.DataAnnotations;

namespace Ml.Sdk.Registry;

/// <summary>Options of the embedded registry: where it keeps its SQLite database and artifact files.</summary>
/// <remarks>Validated when the host starts: a root path is required, timeouts must be positive, sizes at least 1.</remarks>
public sealed class RegistryOptions
{
    /// <summary>Gets or sets the folder that holds everything: <c>registry.db</c> and <c>artifacts/</c>.</summary>
    /// <value>Default <c>ml-data</c>, relative to the working directory. Several processes may share it.</value>
    [Required]
    public string RootPath { get; set; } = "ml-data";

    /// <summary>Gets or sets how long a writer waits for another process's write lock before failing.</summary>
    /// <value>Default 30 seconds. Registrations queue behind each other instead of failing with "database is locked".</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often <c>WatchAsync</c> polls the change sequence for other processes' changes.</summary>
    /// <value>Default 1 second. Changes made in this process are delivered at once, without waiting for a poll.</value>
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the largest artifact file accepted, in bytes.</summary>
    /// <value>Default 4 GiB.</value>
    public long MaxArtifactBytes { get; set; } = 4L * 1024 * 1024 * 1024;
}
