namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>Compares encoded entity keys by content, to match stored rows to the keys asked for.</summary>
internal sealed class EncodedKeyComparer : IEqualityComparer<byte[]>
{
    public static readonly EncodedKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var hash = default(HashCode);
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
