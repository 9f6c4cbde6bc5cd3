using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// Top-k of one row. The caller's output slices double as the working heap, so no scratch memory is needed
/// whatever k is.
/// </summary>
/// <remarks>
/// Ranking: NaN above everything (NaNs by lower index), then by value with -0 equal to +0, ties by lower index.
/// The heap keeps the worst of the current best k at its root; since elements arrive in index order, a newcomer
/// enters only when it strictly outranks that root, which lets whole vectors be skipped with one comparison.
/// </remarks>
internal static class TopKSelector
{
    /// <summary>Writes the <c>values.Length</c> best elements of <paramref name="row"/>, best first.</summary>
    public static void Select(ReadOnlySpan<float> row, Span<int> indices, Span<float> values)
    {
        int k = values.Length;
        for (int j = 0; j < k; j++)
        {
            values[j] = row[j];
            indices[j] = j;
            SiftUp(values, indices, j);
        }

        int i = k;
        ref float src = ref MemoryMarshal.GetReference(row);
        int length = row.Length;

        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> threshold = Vector512.Create(values[0]);
            while (i <= length - Vector512<float>.Count && !float.IsNaN(values[0]))
            {
                // "not (x <= worst)" is true for x > worst and for NaN: exactly the lanes that may enter.
                ulong mask = (~Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref src, (nuint)i), threshold))
                    .ExtractMostSignificantBits();
                if (mask != 0)
                {
                    OfferLanes(row, i, mask, indices, values);
                    threshold = Vector512.Create(values[0]);
                }

                i += Vector512<float>.Count;
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> threshold = Vector256.Create(values[0]);
            while (i <= length - Vector256<float>.Count && !float.IsNaN(values[0]))
            {
                ulong mask = (~Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref src, (nuint)i), threshold))
                    .ExtractMostSignificantBits();
                if (mask != 0)
                {
                    OfferLanes(row, i, mask, indices, values);
                    threshold = Vector256.Create(values[0]);
                }

                i += Vector256<float>.Count;
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128<float> threshold = Vector128.Create(values[0]);
            while (i <= length - Vector128<float>.Count && !float.IsNaN(values[0]))
            {
                ulong mask = (~Vector128.LessThanOrEqual(Vector128.LoadUnsafe(ref src, (nuint)i), threshold))
                    .ExtractMostSignificantBits();
                if (mask != 0)
                {
                    OfferLanes(row, i, mask, indices, values);
                    threshold = Vector128.Create(values[0]);
                }

                i += Vector128<float>.Count;
            }
        }

        // A heap full of NaNs can no longer change: every later NaN has a higher index.
        for (; i < length && !float.IsNaN(values[0]); i++)
        {
            Offer(row[i], i, indices, values);
        }

        SortBestFirst(indices, values);
    }

    private static void OfferLanes(ReadOnlySpan<float> row, int start, ulong mask, Span<int> indices, Span<float> values)
    {
        do
        {
            int index = start + BitOperations.TrailingZeroCount(mask);
            Offer(row[index], index, indices, values);
            mask &= mask - 1;
        }
        while (mask != 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Offer(float value, int index, Span<int> indices, Span<float> values)
    {
        float worst = values[0];
        bool enters = float.IsNaN(value) ? !float.IsNaN(worst) : value > worst;
        if (enters)
        {
            values[0] = value;
            indices[0] = index;
            SiftDown(values, indices, 0, values.Length);
        }
    }

    // True when (a, ia) ranks below (b, ib).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Worse(float a, int ia, float b, int ib)
    {
        if (float.IsNaN(a))
        {
            return float.IsNaN(b) && ia > ib;
        }

        if (float.IsNaN(b) || a < b)
        {
            return true;
        }

        return a == b && ia > ib;
    }

    private static void SiftUp(Span<float> values, Span<int> indices, int node)
    {
        while (node > 0)
        {
            int parent = (node - 1) >> 1;
            if (!Worse(values[node], indices[node], values[parent], indices[parent]))
            {
                return;
            }

            Swap(values, indices, node, parent);
            node = parent;
        }
    }

    private static void SiftDown(Span<float> values, Span<int> indices, int node, int size)
    {
        while (true)
        {
            int child = (2 * node) + 1;
            if (child >= size)
            {
                return;
            }

            if (child + 1 < size && Worse(values[child + 1], indices[child + 1], values[child], indices[child]))
            {
                child++;
            }

            if (!Worse(values[child], indices[child], values[node], indices[node]))
            {
                return;
            }

            Swap(values, indices, node, child);
            node = child;
        }
    }

    // Heapsort with a worst-at-root heap leaves the best element first.
    private static void SortBestFirst(Span<int> indices, Span<float> values)
    {
        for (int end = values.Length - 1; end > 0; end--)
        {
            Swap(values, indices, 0, end);
            SiftDown(values, indices, 0, end);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(Span<float> values, Span<int> indices, int a, int b)
    {
        (values[a], values[b]) = (values[b], values[a]);
        (indices[a], indices[b]) = (indices[b], indices[a]);
    }
}
