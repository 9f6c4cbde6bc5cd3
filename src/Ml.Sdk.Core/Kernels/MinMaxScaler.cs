using System.Runtime.InteropServices;
using Ml.Sdk.Core.Kernels.Internal;

namespace Ml.Sdk.Core.Kernels;

/// <summary>
/// Maps the fitted range onto [0, 1], as scikit-learn's <c>MinMaxScaler</c> does with its default feature range
/// and no clipping: <c>(x - Min) * Scale</c> with <c>Scale = 1 / (Max - Min)</c>, or 1 when the range is 0.
/// Values outside the fitted range map outside [0, 1].
/// </summary>
/// <remarks><c>default(MinMaxScaler)</c> is the identity: min 0, scale 1.</remarks>
[StructLayout(LayoutKind.Auto)]
public readonly struct MinMaxScaler : IEquatable<MinMaxScaler>
{
    private readonly double _min;
    private readonly double _max;

    /// <summary>Creates a scaler from a known range, for example one fitted earlier.</summary>
    /// <param name="min">The smallest value of the range; must be finite.</param>
    /// <param name="max">The largest value of the range; finite and not below <paramref name="min"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="min"/> is not finite, or <paramref name="max"/> is not finite or is below <paramref name="min"/>.
    /// </exception>
    public MinMaxScaler(double min, double max)
    {
        if (!double.IsFinite(min))
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, "The minimum must be finite.");
        }

        if (!double.IsFinite(max) || max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "The maximum must be finite and not below the minimum.");
        }

        _min = min;
        _max = max;
    }

    /// <summary>Gets the smallest fitted value, which maps to 0.</summary>
    public double Min => _min;

    /// <summary>Gets the largest fitted value, which maps to 1 unless the range is 0.</summary>
    public double Max => _max;

    /// <summary>Gets the factor applied by <see cref="Transform"/>: 1 / (Max - Min), or 1 when the range is 0.</summary>
    public double Scale => 1 / Range;

    // scikit-learn replaces a zero range by 1, which makes the scale 1.
    private double Range => _max == _min ? 1 : _max - _min;

    /// <summary>Fits a scaler to <paramref name="values"/> in one pass; NaN values are ignored.</summary>
    /// <param name="values">The data to fit.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="values"/> is empty, holds only NaN, or contains an infinity.
    /// </exception>
    public static MinMaxScaler Fit(ReadOnlySpan<float> values)
    {
        KernelGuard.NotEmpty(values.Length);
        Moments moments = ScalerFitting.Measure(values, nameof(values));
        return new MinMaxScaler(moments.Min, moments.Max);
    }

    /// <summary>Writes <c>(x - Min) * Scale</c> for each value; NaN stays NaN.</summary>
    /// <param name="source">The values to scale.</param>
    /// <param name="destination">Receives the scaled values; may be the same memory as <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not the length of <paramref name="source"/>.</exception>
    public void Transform(ReadOnlySpan<float> source, Span<float> destination)
    {
        KernelGuard.SameLength(source.Length, destination.Length);
        AffineKernel.SubtractMultiply(source, destination, _min, Scale);
    }

    /// <summary>Undoes <see cref="Transform"/>: writes <c>x / Scale + Min</c> for each value.</summary>
    /// <param name="source">The scaled values.</param>
    /// <param name="destination">Receives the original-scale values; may be the same memory as <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not the length of <paramref name="source"/>.</exception>
    public void InverseTransform(ReadOnlySpan<float> source, Span<float> destination)
    {
        KernelGuard.SameLength(source.Length, destination.Length);
        AffineKernel.MultiplyAdd(source, destination, Range, _min);
    }

    /// <inheritdoc/>
    public bool Equals(MinMaxScaler other) => _min.Equals(other._min) && _max.Equals(other._max);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MinMaxScaler other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_min, _max);

    /// <summary>Compares two scalers for equal parameters.</summary>
    /// <param name="left">The first scaler.</param>
    /// <param name="right">The second scaler.</param>
    /// <returns><see langword="true"/> when min and max are equal.</returns>
    public static bool operator ==(MinMaxScaler left, MinMaxScaler right) => left.Equals(right);

    /// <summary>Compares two scalers for different parameters.</summary>
    /// <param name="left">The first scaler.</param>
    /// <param name="right">The second scaler.</param>
    /// <returns><see langword="true"/> when min or max differ.</returns>
    public static bool operator !=(MinMaxScaler left, MinMaxScaler right) => !left.Equals(right);
}
