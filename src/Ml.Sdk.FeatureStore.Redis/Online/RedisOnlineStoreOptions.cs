using System.ComponentModel.DataAnnotations;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>Options of <see cref="RedisOnlineStore"/>: where in the Redis key space its rows live.</summary>
/// <remarks>
/// Validated when the store is created (and, through dependency injection, when the host starts). The Redis database is
/// the multiplexer's default one: set <c>defaultDatabase=</c> in the configuration string to pick another.
/// </remarks>
public sealed class RedisOnlineStoreOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "mlsdk:fs:";

    /// <summary>
    /// Gets or sets the text that starts every key the store reads and writes; the keys are
    /// <c>{KeyPrefix}{view name}:{base64url entity key}</c>.
    /// </summary>
    /// <value>
    /// Default <c>mlsdk:fs:</c>. Stores with different prefixes on one server never see each other's rows; pick prefixes
    /// that are not prefixes of each other followed by a view name (for example, end each with a colon).
    /// </value>
    [Required(AllowEmptyStrings = true)]
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;
}
