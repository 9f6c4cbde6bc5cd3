using System.Buffers;
using System.Globalization;
using Ml.Sdk.Core.Kernels.Internal;

namespace Ml.Sdk.Core.Kernels;

/// <summary>
/// Exact quantiles by selection rather than sorting, with the semantics of <c>numpy.nanquantile</c> and its default
/// 'linear' method (Hyndman–Fan type 7).
/// </summary>
/// <remarks>
/// For the <c>n</c> non-NaN values in sorted order <c>s</c> and a probability <c>p</c>: <c>h = (n - 1) p</c>,
/// <c>a = s[floor(h)]</c>, <c>b = s[min(floor(h) + 1, n - 1)]</c>, <c>t = h - floor(h)</c>, and the quantile is
/// <c>a + (b - a) t</c> when <c>t &lt; 0.5</c>, else <c>b - (b - a)(1 - t)</c>, computed in double. As in numpy, an
/// interpolation that involves an infinity can give NaN. NaN values are ignored; when every value is NaN every
/// quantile is NaN.
/// </remarks>
public static class Quantiles
{
    /// <summary>Computes several quantiles of <paramref name="values"/> in one pass of multi-selection.</summary>
    /// <remarks>The scratch space is rented from <see cref="ArrayPool{T}.Shared"/> and returned.</remarks>
    /// <param name="values">The values; NaN values are ignored. Not modified.</param>
    /// <param name="probabilities">The probabilities, in any order, each in [0, 1].</param>
    /// <param name="destination">Receives the quantile for each probability, in the same order.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="values"/> is empty, or <paramref name="destination"/> is not as long as
    /// <paramref name="probabilities"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A probability is NaN or outside [0, 1]; the message names its index.
    /// </exception>
    public static void Compute(ReadOnlySpan<float> values, ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        Validate(values, probabilities, destination);

        float[] scratch = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            QuantileSelection.Compute(values, probabilities, destination, scratch);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Computes several quantiles of <paramref name="values"/> in one pass of multi-selection, working in
    /// caller-provided scratch space.
    /// </summary>
    /// <param name="values">The values; NaN values are ignored. Not modified.</param>
    /// <param name="probabilities">The probabilities, in any order, each in [0, 1].</param>
    /// <param name="destination">Receives the quantile for each probability, in the same order.</param>
    /// <param name="scratch">Working space at least as long as <paramref name="values"/>; its contents are overwritten.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="values"/> is empty, <paramref name="destination"/> is not as long as
    /// <paramref name="probabilities"/>, or <paramref name="scratch"/> is shorter than <paramref name="values"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A probability is NaN or outside [0, 1]; the message names its index.
    /// </exception>
    public static void Compute(
        ReadOnlySpan<float> values, ReadOnlySpan<double> probabilities, Span<double> destination, Span<float> scratch)
    {
        Validate(values, probabilities, destination);
        ValidateScratch(values, scratch);
        QuantileSelection.Compute(values, probabilities, destination, scratch);
    }

    /// <summary>Computes one quantile of <paramref name="values"/>.</summary>
    /// <param name="values">The values; NaN values are ignored. Not modified.</param>
    /// <param name="probability">The probability, in [0, 1].</param>
    /// <returns>The quantile, or NaN when every value is NaN.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is NaN or outside [0, 1].</exception>
    public static double Compute(ReadOnlySpan<float> values, double probability)
    {
        KernelGuard.NotEmpty(values.Length);
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(probability), probability, "The probability must be in [0, 1] and not NaN.");
        }

        Span<double> result = stackalloc double[1];
        float[] scratch = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            QuantileSelection.Compute(values, new ReadOnlySpan<double>(in probability), result, scratch);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }

        return result[0];
    }

    internal static void ValidateScratch(ReadOnlySpan<float> values, Span<float> scratch)
    {
        if (scratch.Length < values.Length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'scratch' has length {scratch.Length} but must be at least as long as 'values', {values.Length}."),
                nameof(scratch));
        }
    }

    private static void Validate(ReadOnlySpan<float> values, ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        KernelGuard.NotEmpty(values.Length);
        KernelGuard.SameLength(probabilities.Length, destination.Length);
        for (int i = 0; i < probabilities.Length; i++)
        {
            double probability = probabilities[i];
            if (!(probability >= 0 && probability <= 1))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(probabilities),
                    probability,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"probabilities[{i}] is {probability}; every probability must be in [0, 1] and not NaN."));
            }
        }
    }
}
