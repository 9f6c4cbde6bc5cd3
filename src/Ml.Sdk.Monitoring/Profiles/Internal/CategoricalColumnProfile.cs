namespace Ml.Sdk.Monitoring.Profiles.Internal;

/// <summary>What a drift check needs of one categorical reference column: the count of each label.</summary>
internal sealed class CategoricalColumnProfile
{
    public required long Count { get; init; }

    public required long MissingCount { get; init; }

    /// <summary>Gets the labels in ordinal order.</summary>
    public required string[] Labels { get; init; }

    /// <summary>Gets the count of each label, parallel to <see cref="Labels"/>.</summary>
    public required long[] Counts { get; init; }
}
