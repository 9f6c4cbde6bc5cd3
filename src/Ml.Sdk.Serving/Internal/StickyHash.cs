namespace Ml.Sdk.Serving.Internal;

/// <summary>A stable hash of a routing key into [0, 1), the same in every process (unlike <see cref="string.GetHashCode()"/>).</summary>
internal static class StickyHash
{
    public static double Unit(string key, ulong salt)
    {
        ulong hash = 14695981039346656037UL ^ salt;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // Finalize (splitmix64) so that keys differing in the last character spread over the whole range.
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
