using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>
/// numpy's default ('linear', Hyndman–Fan type 7) quantiles of the non-NaN values, by selecting only the order
/// statistics the probabilities need.
/// </summary>
internal static class QuantileSelection
{
    private const int StackRankLimit = 128;

    /// <summary>
    /// Writes the quantiles of <paramref name="values"/> at <paramref name="probabilities"/> (validated, in [0, 1])
    /// to <paramref name="destination"/>, using <paramref name="scratch"/> (at least as long as the values) for the
    /// selection. Every result is NaN when every value is.
    /// </summary>
    public static void Compute(
        ReadOnlySpan<float> values, ReadOnlySpan<double> probabilities, Span<double> destination, Span<float> scratch)
    {
        int count = CopyNotNaN(values, scratch);
        if (count == 0)
        {
            destination.Fill(double.NaN);
            return;
        }

        Span<float> sorted = scratch[..count];
        int rankCapacity = 2 * probabilities.Length;
        int[]? rented = null;
        Span<int> ranks = rankCapacity <= StackRankLimit
            ? stackalloc int[StackRankLimit]
            : (rented = ArrayPool<int>.Shared.Rent(rankCapacity));
        try
        {
            int rankCount = 0;
            foreach (double probability in probabilities)
            {
                Locate(count, probability, out int lower, out int upper, out _);
                ranks[rankCount++] = lower;
                ranks[rankCount++] = upper;
            }

            Span<int> unique = Deduplicate(ranks[..rankCount]);
            FloatSelection.SelectRanks(sorted, unique);

            for (int i = 0; i < probabilities.Length; i++)
            {
                Locate(count, probabilities[i], out int lower, out int upper, out double fraction);
                destination[i] = Interpolate(sorted[lower], sorted[upper], fraction);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The order statistics and the weight numpy's 'linear' method reads for one probability.</summary>
    public static void Locate(int count, double probability, out int lower, out int upper, out double fraction)
    {
        double position = (count - 1) * probability;
        double floor = Math.Floor(position);
        lower = (int)floor;
        upper = Math.Min(lower + 1, count - 1);
        fraction = position - floor;
    }

    /// <summary>numpy's <c>_lerp</c>: interpolating from the nearer end keeps the results monotone in the weight.</summary>
    public static double Interpolate(double lower, double upper, double fraction)
    {
        double difference = upper - lower;
        return fraction < 0.5 ? lower + (difference * fraction) : upper - (difference * (1 - fraction));
    }

    private static int CopyNotNaN(ReadOnlySpan<float> values, Span<float> scratch)
    {
        if (!TensorPrimitives.IsNaNAny(values))
        {
            values.CopyTo(scratch);
            return values.Length;
        }

        // Writing every value and advancing only past numbers compacts without a branch per value.
        ref float destination = ref MemoryMarshal.GetReference(scratch);
        int count = 0;
        foreach (float value in values)
        {
            Unsafe.Add(ref destination, count) = value;
            count += Unsafe.BitCast<bool, byte>(!float.IsNaN(value));
        }

        return count;
    }

    private static Span<int> Deduplicate(Span<int> ranks)
    {
        ranks.Sort();
        int write = 0;
        for (int i = 0; i < ranks.Length; i++)
        {
            if (write == 0 || ranks[i] != ranks[write - 1])
            {
                ranks[write++] = ranks[i];
            }
        }

        return ranks[..write];
    }
}
