using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Ml.Sdk.Core.Kernels.Internal;

namespace Ml.Sdk.Core.Kernels;

/// <summary>
/// Count, mean, variance, min and max of a set of floats, computed in one pass over memory and accurate in
/// double precision. NaN values are left out of every statistic and counted in <see cref="NaNCount"/>.
/// </summary>
/// <remarks>
/// With no values (empty or all NaN) every statistic is NaN. Infinities are ordinary values: the mean becomes
/// infinite (NaN when both signs occur) and the variances NaN, as the textbook formulas give.
/// <c>default(Moments)</c> describes an empty set.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly struct Moments : IEquatable<Moments>
{
    private readonly long _count;
    private readonly long _nanCount;
    private readonly double _mean;
    private readonly double _m2;
    private readonly float _min;
    private readonly float _max;

    private Moments(long count, long nanCount, double mean, double m2, float min, float max)
    {
        _count = count;
        _nanCount = nanCount;
        _mean = mean;
        _m2 = m2;
        _min = min;
        _max = max;
    }

    /// <summary>Gets the number of values that are not NaN.</summary>
    public long Count => _count;

    /// <summary>Gets the number of NaN values, which no other statistic includes.</summary>
    public long NaNCount => _nanCount;

    /// <summary>Gets the arithmetic mean, or NaN when <see cref="Count"/> is 0.</summary>
    public double Mean
    {
        get
        {
            if (_count == 0)
            {
                return double.NaN;
            }

            bool positiveInfinity = float.IsPositiveInfinity(_max);
            bool negativeInfinity = float.IsNegativeInfinity(_min);
            if (positiveInfinity || negativeInfinity)
            {
                return positiveInfinity && negativeInfinity ? double.NaN
                    : positiveInfinity ? double.PositiveInfinity : double.NegativeInfinity;
            }

            return _mean;
        }
    }

    /// <summary>Gets the population variance (divisor <see cref="Count"/>), or NaN when <see cref="Count"/> is 0.</summary>
    public double Variance => _count == 0 || HasInfinity ? double.NaN : _m2 / _count;

    /// <summary>Gets the sample variance (divisor <see cref="Count"/> - 1), or NaN when <see cref="Count"/> is below 2.</summary>
    public double SampleVariance => _count < 2 || HasInfinity ? double.NaN : _m2 / (_count - 1);

    /// <summary>Gets the population standard deviation, the square root of <see cref="Variance"/>.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Gets the smallest value, or NaN when <see cref="Count"/> is 0.</summary>
    public float Min => _count == 0 ? float.NaN : _min;

    /// <summary>Gets the largest value, or NaN when <see cref="Count"/> is 0.</summary>
    public float Max => _count == 0 ? float.NaN : _max;

    // Min and max record whether an infinity was seen, so no extra state is needed to report it.
    private bool HasInfinity => float.IsInfinity(_min) || float.IsInfinity(_max);

    /// <summary>Computes the statistics of <paramref name="values"/> in a single pass over memory.</summary>
    /// <param name="values">The values; may be empty and may hold NaN and infinities.</param>
    /// <returns>The statistics; every one is NaN when no value is a number.</returns>
    public static Moments Compute(ReadOnlySpan<float> values)
    {
        long count = 0;
        long nanCount = 0;
        double mean = 0;
        double m2 = 0;
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;

        while (!values.IsEmpty)
        {
            ReadOnlySpan<float> block = values[..Math.Min(values.Length, MomentsBlock.Size)];
            values = values[block.Length..];

            // A finite float sum proves the block holds no NaN or infinity, so the fast path needs no masks.
            float sum = TensorPrimitives.Sum(block);
            if (float.IsFinite(sum))
            {
                double shift = (double)sum / block.Length;
                MomentsBlock.ShiftedSums(block, shift, out double s, out double q, ref min, ref max);
                double blockMean = shift + (s / block.Length);
                double blockM2 = Math.Max(0, q - (s * s / block.Length));
                Combine(ref count, ref mean, ref m2, block.Length, blockMean, blockM2);
            }
            else
            {
                MomentsBlock.General(block, out long n, out long nans, out double blockMean, out double blockM2, ref min, ref max);
                nanCount += nans;
                Combine(ref count, ref mean, ref m2, n, blockMean, blockM2);
            }
        }

        return new Moments(count, nanCount, mean, m2, min, max);
    }

    /// <summary>
    /// Combines the statistics of two disjoint sets into those of their union (Chan et al.), for streaming
    /// windows computed piece by piece.
    /// </summary>
    /// <param name="a">The statistics of the first set.</param>
    /// <param name="b">The statistics of the second set.</param>
    /// <returns>The statistics of both sets together.</returns>
    public static Moments Merge(in Moments a, in Moments b)
    {
        long nanCount = a._nanCount + b._nanCount;
        if (b._count == 0)
        {
            return new Moments(a._count, nanCount, a._mean, a._m2, a._min, a._max);
        }

        if (a._count == 0)
        {
            return new Moments(b._count, nanCount, b._mean, b._m2, b._min, b._max);
        }

        long count = a._count;
        double mean = a._mean;
        double m2 = a._m2;
        Combine(ref count, ref mean, ref m2, b._count, b._mean, b._m2);
        return new Moments(count, nanCount, mean, m2, Math.Min(a._min, b._min), Math.Max(a._max, b._max));
    }

    /// <summary>
    /// Rebuilds statistics from their sufficient parts, e.g. as a stored profile kept them: count, mean, sum of squared
    /// deviations from the mean (<see cref="SumOfSquaredDeviations"/>), min, max and the NaN count. Rebuilding from the
    /// parts of a computed <see cref="Moments"/> gives a value equal to it, bit for bit.
    /// </summary>
    /// <param name="count">The number of values that are not NaN.</param>
    /// <param name="mean">Their mean (ignored when <paramref name="count"/> is 0).</param>
    /// <param name="sumOfSquaredDeviations">Their sum of squared deviations from the mean, not negative.</param>
    /// <param name="min">Their minimum.</param>
    /// <param name="max">Their maximum.</param>
    /// <param name="nanCount">The number of NaN values.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A count is negative, the sum of squared deviations is negative, or (with values) <paramref name="min"/> is
    /// above <paramref name="max"/> or either is NaN.
    /// </exception>
    public static Moments FromParts(long count, double mean, double sumOfSquaredDeviations, float min, float max, long nanCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(nanCount);
        if (count == 0)
        {
            return new Moments(0, nanCount, 0, 0, 0, 0);
        }

        if (sumOfSquaredDeviations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sumOfSquaredDeviations), sumOfSquaredDeviations, "A sum of squared deviations cannot be negative.");
        }

        if (!(min <= max))
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, $"The minimum must be a number no larger than the maximum ({max}).");
        }

        return new Moments(count, nanCount, mean, sumOfSquaredDeviations, min, max);
    }

    /// <summary>
    /// Gets the sum of squared deviations from the mean (M2) as accumulated, the part that <see cref="FromParts"/> takes
    /// back; 0 when <see cref="Count"/> is 0.
    /// </summary>
    public double SumOfSquaredDeviations => _m2;

    /// <inheritdoc/>
    public bool Equals(Moments other)
    {
        return _count == other._count && _nanCount == other._nanCount && _mean.Equals(other._mean) &&
            _m2.Equals(other._m2) && _min.Equals(other._min) && _max.Equals(other._max);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Moments other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_count, _nanCount, _mean, _m2, _min, _max);

    /// <summary>Compares two statistics for equality of every part.</summary>
    /// <param name="left">The first statistics.</param>
    /// <param name="right">The second statistics.</param>
    /// <returns><see langword="true"/> when every part is equal.</returns>
    public static bool operator ==(Moments left, Moments right) => left.Equals(right);

    /// <summary>Compares two statistics for inequality of any part.</summary>
    /// <param name="left">The first statistics.</param>
    /// <param name="right">The second statistics.</param>
    /// <returns><see langword="true"/> when some part differs.</returns>
    public static bool operator !=(Moments left, Moments right) => !left.Equals(right);

    private static void Combine(ref long count, ref double mean, ref double m2, long otherCount, double otherMean, double otherM2)
    {
        if (otherCount == 0)
        {
            return;
        }

        if (count == 0)
        {
            count = otherCount;
            mean = otherMean;
            m2 = otherM2;
            return;
        }

        long total = count + otherCount;
        double delta = otherMean - mean;
        mean += delta * ((double)otherCount / total);
        m2 += otherM2 + (delta * delta * ((double)count * otherCount / total));
        count = total;
    }
}
