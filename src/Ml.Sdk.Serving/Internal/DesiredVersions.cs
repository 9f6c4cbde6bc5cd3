namespace Ml.Sdk.Serving.Internal;

/// <summary>What a model's source says should be loaded: the policy's versions, the default, and the aliases it resolved.</summary>
internal sealed record DesiredVersions(int Default, IReadOnlyCollection<int> Versions, IReadOnlyDictionary<string, int> Aliases);
