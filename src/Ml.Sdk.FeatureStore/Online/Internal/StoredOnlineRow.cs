namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>A row as a backend stores it: the event timestamp in UTC ticks and the encoded feature values.</summary>
internal readonly record struct StoredOnlineRow(long EventTicks, byte[] Values);
