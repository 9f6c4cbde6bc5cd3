namespace Ml.Sdk.Registry.Tests.Models;

/// <summary>What a rejected call must leave unchanged: counts, the change sequence and the stored files.</summary>
public sealed record RegistrySnapshot(int ModelCount, int VersionCount, long LastSequence, string Files);
