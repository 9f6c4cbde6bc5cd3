using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// In-place selection of order statistics of NaN-free floats: afterwards every requested rank holds the value it
/// would hold if the span were sorted. Introselect: quickselect with median-of-three pivots, falling back to
/// median-of-medians pivots when partitions keep coming out lopsided, so that no input takes more than linear time.
/// </summary>
internal static class FloatSelection
{
    private const int InsertionSortLength = 16;

    /// <summary>Selects every rank in <paramref name="sortedRanks"/> (ascending, distinct, within the span).</summary>
    public static void SelectRanks(Span<float> data, ReadOnlySpan<int> sortedRanks)
    {
        if (data.IsEmpty)
        {
            return;
        }

        SelectRanks(ref MemoryMarshal.GetReference(data), 0, data.Length - 1, sortedRanks);
    }

    // Selecting the middle rank splits the range so that the ranks on either side only need their own side, which
    // makes m ranks cost O(n log m) rather than O(n m).
    private static void SelectRanks(ref float data, int left, int right, ReadOnlySpan<int> ranks)
    {
        while (!ranks.IsEmpty)
        {
            int middle = ranks.Length / 2;
            int rank = ranks[middle];
            if (Select(ref data, left, right, rank))
            {
                // The whole range ended up sorted, so every rank in it is in place.
                return;
            }

            SelectRanks(ref data, left, rank - 1, ranks[..middle]);
            left = rank + 1;
            ranks = ranks[(middle + 1)..];
        }
    }

    // Returns true when it sorted the whole range.
    private static bool Select(ref float data, int left, int right, int rank)
    {
        bool sortedWholeRange = true;
        int goodPivotsLeft = 2 * BitOperations.Log2((uint)(right - left + 1)) + 4;
        while (true)
        {
            int length = right - left + 1;
            if (length <= InsertionSortLength)
            {
                InsertionSort(ref data, left, right);
                return sortedWholeRange;
            }

            sortedWholeRange = false;
            if (rank == left)
            {
                Swap(ref data, left, left + IndexOfMinimum(ref data, left, length));
                return false;
            }

            if (rank == right)
            {
                Swap(ref data, right, left + IndexOfMaximum(ref data, left, length));
                return false;
            }

            float pivot = --goodPivotsLeft >= 0
                ? SamplePivot(ref data, left, right)
                : MedianOfMediansPivot(ref data, left, right);

            int lessEnd = Partition(ref data, left, right, pivot, orEqual: false);
            if (rank < lessEnd)
            {
                right = lessEnd - 1;
                continue;
            }

            // A small lower part means many values may equal the pivot (or the pivot was the minimum); splitting
            // them off guarantees progress and keeps runs of equal values linear.
            if (lessEnd - left < length / 8)
            {
                int equalEnd = Partition(ref data, lessEnd, right, pivot, orEqual: true);
                if (rank < equalEnd)
                {
                    return false;
                }

                left = equalEnd;
            }
            else
            {
                left = lessEnd;
            }
        }
    }

    // Branch-free Lomuto: each value is swapped to the boundary and the boundary advances only past values that
    // belong below it, so random data costs no mispredictions. The pivot value must occur in the range.
    private static int Partition(ref float data, int left, int right, float pivot, bool orEqual)
    {
        int boundary = left;
        if (orEqual)
        {
            for (int i = left; i <= right; i++)
            {
                float value = Unsafe.Add(ref data, i);
                Unsafe.Add(ref data, i) = Unsafe.Add(ref data, boundary);
                Unsafe.Add(ref data, boundary) = value;
                boundary += Unsafe.BitCast<bool, byte>(value <= pivot);
            }
        }
        else
        {
            for (int i = left; i <= right; i++)
            {
                float value = Unsafe.Add(ref data, i);
                Unsafe.Add(ref data, i) = Unsafe.Add(ref data, boundary);
                Unsafe.Add(ref data, boundary) = value;
                boundary += Unsafe.BitCast<bool, byte>(value < pivot);
            }
        }

        return boundary;
    }

    private static float SamplePivot(ref float data, int left, int right)
    {
        int middle = left + ((right - left) >> 1);
        if (right - left < 1024)
        {
            return MedianOfThree(Unsafe.Add(ref data, left), Unsafe.Add(ref data, middle), Unsafe.Add(ref data, right));
        }

        // Tukey's ninther: a median of three medians is much likelier to land near the middle on large ranges.
        int step = (right - left) >> 3;
        return MedianOfThree(
            MedianOfThree(Unsafe.Add(ref data, left), Unsafe.Add(ref data, left + step), Unsafe.Add(ref data, left + (2 * step))),
            MedianOfThree(Unsafe.Add(ref data, middle - step), Unsafe.Add(ref data, middle), Unsafe.Add(ref data, middle + step)),
            MedianOfThree(Unsafe.Add(ref data, right - (2 * step)), Unsafe.Add(ref data, right - step), Unsafe.Add(ref data, right)));
    }

    private static float MedianOfThree(float a, float b, float c) =>
        MathF.Max(MathF.Min(a, b), MathF.Min(MathF.Max(a, b), c));

    // Medians of groups of five, gathered at the front of the range, and their median: at least 30% of the range
    // lies on each side of it, which bounds the work of the selection that falls back on it.
    private static float MedianOfMediansPivot(ref float data, int left, int right)
    {
        int write = left;
        for (int group = left; group + 4 <= right; group += 5)
        {
            InsertionSort(ref data, group, group + 4);
            Swap(ref data, write, group + 2);
            write++;
        }

        int middle = left + ((write - left - 1) >> 1);
        Select(ref data, left, write - 1, middle);
        return Unsafe.Add(ref data, middle);
    }

    private static int IndexOfMinimum(ref float data, int start, int length) =>
        TensorPrimitives.IndexOfMin(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, start), length));

    private static int IndexOfMaximum(ref float data, int start, int length) =>
        TensorPrimitives.IndexOfMax(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, start), length));

    private static void InsertionSort(ref float data, int left, int right)
    {
        for (int i = left + 1; i <= right; i++)
        {
            float value = Unsafe.Add(ref data, i);
            int j = i - 1;
            while (j >= left && Unsafe.Add(ref data, j) > value)
            {
                Unsafe.Add(ref data, j + 1) = Unsafe.Add(ref data, j);
                j--;
            }

            Unsafe.Add(ref data, j + 1) = value;
        }
    }

    private static void Swap(ref float data, int i, int j) =>
        (Unsafe.Add(ref data, i), Unsafe.Add(ref data, j)) = (Unsafe.Add(ref data, j), Unsafe.Add(ref data, i));
}
