namespace Ml.Sdk.FeatureStore.Online;

/// <summary>What an online write did with its rows.</summary>
/// <param name="Written">The rows stored: new entities, and rows at least as new as the stored ones.</param>
/// <param name="SkippedAsStale">
/// The rows not stored because the store (or an earlier row of the same batch) holds a newer event timestamp for the
/// entity.
/// </param>
public readonly record struct OnlineWriteResult(int Written, int SkippedAsStale);
