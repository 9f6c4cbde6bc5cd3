using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// Histogram counting for many bins: one branch-free binary search per value, which costs O(log bins) where the
/// compare scheme costs O(bins).
/// </summary>
internal static class BinarySearchCounter
{
    /// <summary>Counts with <see cref="Histogram.Count"/> semantics; the arguments are already validated.</summary>
    public static HistogramTally Count(ReadOnlySpan<float> values, ReadOnlySpan<float> edges, Span<long> counts)
    {
        counts.Clear();
        float first = edges[0];
        float last = edges[^1];

        // A value in [first, last] belongs to bin #{interior edges <= v}: the later bin wins on a repeated edge, and
        // a value equal to the last edge lands in the last bin because the last edge is not searched.
        ReadOnlySpan<float> interior = edges[1..^1];
        ref float interiorStart = ref MemoryMarshal.GetReference(interior);
        int interiorLength = interior.Length;
        ref long countStart = ref MemoryMarshal.GetReference(counts);

        long below = 0;
        long above = 0;
        long nan = 0;
        foreach (float value in values)
        {
            if (value >= first && value <= last)
            {
                int bin = 0;
                if (interiorLength > 0)
                {
                    int length = interiorLength;
                    while (length > 1)
                    {
                        int half = length >> 1;
                        // Arithmetic instead of a conditional keeps the search free of unpredictable branches.
                        bin += -Unsafe.BitCast<bool, byte>(Unsafe.Add(ref interiorStart, bin + half) <= value) & half;
                        length -= half;
                    }

                    bin += Unsafe.BitCast<bool, byte>(Unsafe.Add(ref interiorStart, bin) <= value);
                }

                Unsafe.Add(ref countStart, bin)++;
            }
            else if (value < first)
            {
                below++;
            }
            else if (value > last)
            {
                above++;
            }
            else
            {
                nan++;
            }
        }

        long inRange = values.Length - below - above - nan;
        return new HistogramTally(below, above, nan, inRange);
    }
}
