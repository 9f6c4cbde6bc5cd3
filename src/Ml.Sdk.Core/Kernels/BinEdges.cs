using System.Buffers;
using System.Globalization;
using System.Numerics.Tensors;
using Ml.Sdk.Core.Kernels.Internal;

namespace Ml.Sdk.Core.Kernels;

/// <summary>Builds histogram bin edges from reference data.</summary>
public static class BinEdges
{
    private const int StackEdgeLimit = 129;

    /// <summary>
    /// Writes equi-depth (quantile) bin edges of <paramref name="values"/>: <c>edges[i]</c> is the
    /// <see cref="Quantiles"/> quantile at <c>i / binCount</c> cast to float, so <c>edges[0]</c> is the minimum and
    /// <c>edges[binCount]</c> the maximum of the non-NaN values; this matches
    /// <c>numpy.quantile(values, numpy.linspace(0, 1, binCount + 1)).astype(numpy.float32)</c> up to linspace's
    /// rounding of the probabilities.
    /// </summary>
    /// <remarks>
    /// Repeated values can give repeated edges, which are kept so that there are always <paramref name="binCount"/>
    /// bins; <see cref="Histogram.Count"/> then counts nothing in the zero-width bins, and a value equal to a
    /// repeated edge lands in the later bin. The scratch space is rented from <see cref="ArrayPool{T}.Shared"/>.
    /// </remarks>
    /// <param name="values">The reference values; NaN values are ignored. Not modified.</param>
    /// <param name="binCount">The number of bins, at least one.</param>
    /// <param name="edges">Receives the <paramref name="binCount"/> + 1 edges.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than one.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="edges"/> does not have <paramref name="binCount"/> + 1 elements, or <paramref name="values"/>
    /// is empty or all NaN.
    /// </exception>
    public static void EquiDepth(ReadOnlySpan<float> values, int binCount, Span<float> edges)
    {
        Validate(values, binCount, edges);

        float[] scratch = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            Build(values, binCount, edges, scratch);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Writes equi-depth (quantile) bin edges of <paramref name="values"/>, working in caller-provided scratch
    /// space; see <see cref="EquiDepth(ReadOnlySpan{float}, int, Span{float})"/>.
    /// </summary>
    /// <param name="values">The reference values; NaN values are ignored. Not modified.</param>
    /// <param name="binCount">The number of bins, at least one.</param>
    /// <param name="edges">Receives the <paramref name="binCount"/> + 1 edges.</param>
    /// <param name="scratch">Working space at least as long as <paramref name="values"/>; its contents are overwritten.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than one.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="edges"/> does not have <paramref name="binCount"/> + 1 elements, <paramref name="values"/>
    /// is empty or all NaN, or <paramref name="scratch"/> is shorter than <paramref name="values"/>.
    /// </exception>
    public static void EquiDepth(ReadOnlySpan<float> values, int binCount, Span<float> edges, Span<float> scratch)
    {
        Validate(values, binCount, edges);
        Quantiles.ValidateScratch(values, scratch);
        Build(values, binCount, edges, scratch);
    }

    private static void Validate(ReadOnlySpan<float> values, int binCount, Span<float> edges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        KernelGuard.ExactLength(edges.Length, (int)Math.Min(binCount + 1L, int.MaxValue), "binCount + 1 edges");
        KernelGuard.NotEmpty(values.Length);
        if (TensorPrimitives.IsNaNAll(values))
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"All {values.Length} elements of 'values' are NaN; no bin edges can be built from them."),
                nameof(values));
        }
    }

    private static void Build(ReadOnlySpan<float> values, int binCount, Span<float> edges, Span<float> scratch)
    {
        int edgeCount = binCount + 1;
        double[]? rented = null;
        Span<double> buffer = 2 * edgeCount <= 2 * StackEdgeLimit
            ? stackalloc double[2 * StackEdgeLimit]
            : (rented = ArrayPool<double>.Shared.Rent(2 * edgeCount));
        try
        {
            Span<double> probabilities = buffer[..edgeCount];
            Span<double> quantiles = buffer.Slice(edgeCount, edgeCount);
            for (int i = 0; i < edgeCount; i++)
            {
                probabilities[i] = i / (double)binCount;
            }

            QuantileSelection.Compute(values, probabilities, quantiles, scratch);
            for (int i = 0; i < edgeCount; i++)
            {
                edges[i] = (float)quantiles[i];
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }
}
