using System.Buffers;
using System.Runtime.InteropServices;

namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>
/// Least-significant-digit radix sort of floats on their IEEE bits: three passes of 11 bits over keys whose unsigned
/// order is the floats' total order (-∞ &lt; ... &lt; -0 &lt; +0 &lt; ... &lt; +∞). Passes whose digit is the same for
/// every key (common for the high bits of data in a narrow range) are skipped.
/// </summary>
/// <remarks>
/// NaN values must be stripped before: their bits would sort them to the ends rather than leave them out.
/// Linear time and no comparisons, so it beats <see cref="Array.Sort(Array)"/> several-fold from a few thousand values.
/// </remarks>
internal static class FloatRadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = 3;

    // Below this, the three histograms cost more than the comparisons they save.
    private const int SmallLength = 256;

    /// <summary>Sorts <paramref name="values"/> ascending in place, renting its scratch space.</summary>
    public static void Sort(Span<float> values)
    {
        if (values.Length < SmallLength)
        {
            SortSmall(values);
            return;
        }

        uint[] scratch = ArrayPool<uint>.Shared.Rent(values.Length);
        try
        {
            Sort(values, scratch);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(scratch);
        }
    }

    /// <summary>Sorts <paramref name="values"/> ascending in place using <paramref name="scratch"/> (at least as long).</summary>
    public static void Sort(Span<float> values, Span<uint> scratch)
    {
        int n = values.Length;
        if (n < SmallLength)
        {
            SortSmall(values);
            return;
        }

        if (scratch.Length < n)
        {
            throw new ArgumentException("The scratch space is shorter than the values.", nameof(scratch));
        }

        Span<uint> keys = MemoryMarshal.Cast<float, uint>(values);
        int[] histogramArray = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            Span<int> histograms = histogramArray.AsSpan(0, Passes * Buckets);
            histograms.Clear();
            Span<int> h0 = histograms[..Buckets];
            Span<int> h1 = histograms.Slice(Buckets, Buckets);
            Span<int> h2 = histograms.Slice(2 * Buckets, Buckets);
            for (int i = 0; i < keys.Length; i++)
            {
                uint key = ToKey(keys[i]);
                keys[i] = key;
                h0[(int)(key & (Buckets - 1))]++;
                h1[(int)((key >> DigitBits) & (Buckets - 1))]++;
                h2[(int)(key >> (2 * DigitBits))]++;
            }

            Span<uint> source = keys;
            Span<uint> destination = scratch[..n];
            bool inScratch = false;
            for (int pass = 0; pass < Passes; pass++)
            {
                Span<int> histogram = histograms.Slice(pass * Buckets, Buckets);
                int shift = pass * DigitBits;
                if (histogram[(int)((source[0] >> shift) & (Buckets - 1))] == n)
                {
                    continue;
                }

                int offset = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int count = histogram[b];
                    histogram[b] = offset;
                    offset += count;
                }

                for (int i = 0; i < source.Length; i++)
                {
                    uint key = source[i];
                    int bucket = (int)((key >> shift) & (Buckets - 1));
                    destination[histogram[bucket]++] = key;
                }

                Span<uint> swap = source;
                source = destination;
                destination = swap;
                inScratch = !inScratch;
            }

            if (inScratch)
            {
                source.CopyTo(keys);
            }

            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = FromKey(keys[i]);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(histogramArray);
        }
    }

    // Sorting the keys rather than the floats keeps -0 before +0, as the radix passes do.
    private static void SortSmall(Span<float> values)
    {
        Span<uint> keys = MemoryMarshal.Cast<float, uint>(values);
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = ToKey(keys[i]);
        }

        keys.Sort();
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = FromKey(keys[i]);
        }
    }

    // Negative floats: flip every bit (larger magnitude sorts first); non-negative: flip the sign bit.
    private static uint ToKey(uint bits) => bits ^ ((uint)((int)bits >> 31) | 0x8000_0000u);

    private static uint FromKey(uint key) => key ^ (((key >> 31) - 1) | 0x8000_0000u);
}
