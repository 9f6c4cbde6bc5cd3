namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>A validated write, encoded before any storage is touched.</summary>
internal readonly record struct EncodedOnlineRow(byte[] Key, long EventTicks, byte[] Values);
