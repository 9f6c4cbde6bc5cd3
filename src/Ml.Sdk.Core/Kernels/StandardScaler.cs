using System.Runtime.InteropServices;
using Ml.Sdk.Core.Kernels.Internal;

namespace Ml.Sdk.Core.Kernels;

/// <summary>
/// Standardizes values to zero mean and unit variance, as scikit-learn's <c>StandardScaler</c> does:
/// <c>(x - mean) / scale</c>, with the population standard deviation as the scale, or 1 when it is 0.
/// </summary>
/// <remarks><c>default(StandardScaler)</c> is the identity: mean 0, scale 1.</remarks>
[StructLayout(LayoutKind.Auto)]
public readonly struct StandardScaler : IEquatable<StandardScaler>
{
    private readonly double _mean;
    private readonly double _standardDeviation;

    /// <summary>Creates a scaler from a known mean and standard deviation, for example one fitted earlier.</summary>
    /// <param name="mean">The mean to subtract; must be finite.</param>
    /// <param name="standardDeviation">The standard deviation; finite and not negative, 0 meaning a scale of 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="mean"/> is not finite, or <paramref name="standardDeviation"/> is negative or not finite.
    /// </exception>
    public StandardScaler(double mean, double standardDeviation)
    {
        if (!double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite.");
        }

        if (!double.IsFinite(standardDeviation) || standardDeviation < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and not negative.");
        }

        _mean = mean;
        _standardDeviation = standardDeviation;
    }

    /// <summary>Gets the mean subtracted by <see cref="Transform"/>.</summary>
    public double Mean => _mean;

    /// <summary>Gets the population standard deviation (ddof 0) of the fitted data.</summary>
    public double StandardDeviation => _standardDeviation;

    /// <summary>Gets the divisor used by <see cref="Transform"/>: the standard deviation, or 1 when it is 0.</summary>
    public double Scale => _standardDeviation == 0 ? 1 : _standardDeviation;

    /// <summary>Fits a scaler to <paramref name="values"/> in one pass; NaN values are ignored.</summary>
    /// <param name="values">The data to fit.</param>
    /// <returns>The fitted scaler.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="values"/> is empty, holds only NaN, or contains an infinity.
    /// </exception>
    public static StandardScaler Fit(ReadOnlySpan<float> values)
    {
        KernelGuard.NotEmpty(values.Length);
        Moments moments = ScalerFitting.Measure(values, nameof(values));
        return new StandardScaler(moments.Mean, moments.StandardDeviation);
    }

    /// <summary>Writes <c>(x - Mean) / Scale</c> for each value; NaN stays NaN.</summary>
    /// <param name="source">The values to scale.</param>
    /// <param name="destination">Receives the scaled values; may be the same memory as <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not the length of <paramref name="source"/>.</exception>
    public void Transform(ReadOnlySpan<float> source, Span<float> destination)
    {
        KernelGuard.SameLength(source.Length, destination.Length);
        AffineKernel.SubtractMultiply(source, destination, _mean, 1 / Scale);
    }

    /// <summary>Undoes <see cref="Transform"/>: writes <c>x * Scale + Mean</c> for each value.</summary>
    /// <param name="source">The scaled values.</param>
    /// <param name="destination">Receives the original-scale values; may be the same memory as <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not the length of <paramref name="source"/>.</exception>
    public void InverseTransform(ReadOnlySpan<float> source, Span<float> destination)
    {
        KernelGuard.SameLength(source.Length, destination.Length);
        AffineKernel.MultiplyAdd(source, destination, Scale, _mean);
    }

    /// <inheritdoc/>
    public bool Equals(StandardScaler other) => _mean.Equals(other._mean) && _standardDeviation.Equals(other._standardDeviation);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StandardScaler other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_mean, _standardDeviation);

    /// <summary>Compares two scalers for equal parameters.</summary>
    /// <param name="left">The first scaler.</param>
    /// <param name="right">The second scaler.</param>
    /// <returns><see langword="true"/> when mean and standard deviation are equal.</returns>
    public static bool operator ==(StandardScaler left, StandardScaler right) => left.Equals(right);

    /// <summary>Compares two scalers for different parameters.</summary>
    /// <param name="left">The first scaler.</param>
    /// <param name="right">The second scaler.</param>
    /// <returns><see langword="true"/> when mean or standard deviation differ.</returns>
    public static bool operator !=(StandardScaler left, StandardScaler right) => !left.Equals(right);
}
