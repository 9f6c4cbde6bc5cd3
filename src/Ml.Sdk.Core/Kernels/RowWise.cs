using System.Numerics.Tensors;
using Ml.Sdk.Core.Kernels.Internal;

namespace Ml.Sdk.Core.Kernels;

/// <summary>
/// Row-wise kernels over row-major buffers: each row holds <c>rowLength</c> consecutive elements and the buffer
/// holds a whole number of rows. An empty buffer is zero rows and is left alone.
/// </summary>
public static class RowWise
{
    /// <summary>
    /// Computes the softmax of each row as <c>exp(x - max(row)) / sum(exp(x - max(row)))</c>, the same formula as
    /// <c>scipy.special.softmax</c>, so large inputs do not overflow.
    /// </summary>
    /// <param name="input">The rows, row-major.</param>
    /// <param name="destination">Receives the result; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="rowLength">The number of elements in a row.</param>
    /// <remarks>
    /// A row containing NaN becomes all NaN; a row containing +infinity, or a row of only -infinity, gives NaN
    /// wherever the formula does.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="input"/> is not a whole number of rows, or <paramref name="destination"/> is not the length
    /// of <paramref name="input"/>.
    /// </exception>
    public static void Softmax(ReadOnlySpan<float> input, Span<float> destination, int rowLength)
    {
        int rows = KernelGuard.RowCount(input.Length, rowLength);
        KernelGuard.SameLength(input.Length, destination.Length);

        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = input.Slice(r * rowLength, rowLength);
            Span<float> target = destination.Slice(r * rowLength, rowLength);

            // Max propagates NaN, which makes the whole row NaN as the formula requires.
            float max = TensorPrimitives.Max(row);
            float sum = ExpSumKernel.ExpAndSum(row, max, target);

            // A multiply by the reciprocal is cheaper than a vector divide and differs by at most an ulp; the sum is
            // at least 1 (the maximum contributes exp(0)), so the reciprocal is finite.
            TensorPrimitives.Multiply(target, 1f / sum, target);
        }
    }

    /// <summary>
    /// Computes the log-softmax of each row the way <c>scipy.special.log_softmax</c> does:
    /// <c>m = max(row)</c> (0 when not finite), <c>t = x - m</c>, result <c>t - log(sum(exp(t)))</c>.
    /// </summary>
    /// <param name="input">The rows, row-major.</param>
    /// <param name="destination">Receives the result; may be the same memory as <paramref name="input"/>.</param>
    /// <param name="rowLength">The number of elements in a row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="input"/> is not a whole number of rows, or <paramref name="destination"/> is not the length
    /// of <paramref name="input"/>.
    /// </exception>
    public static void LogSoftmax(ReadOnlySpan<float> input, Span<float> destination, int rowLength)
    {
        int rows = KernelGuard.RowCount(input.Length, rowLength);
        KernelGuard.SameLength(input.Length, destination.Length);

        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = input.Slice(r * rowLength, rowLength);
            Span<float> target = destination.Slice(r * rowLength, rowLength);

            float max = TensorPrimitives.Max(row);
            if (!float.IsFinite(max))
            {
                max = 0f;
            }

            // The sum is taken before the row is written, so in-place use is safe.
            float logSum = MathF.Log(ExpSumKernel.SumExp(row, max));
            TensorPrimitives.Subtract(row, max, target);
            TensorPrimitives.Subtract(target, logSum, target);
        }
    }

    /// <summary>
    /// Finds, for each row, the index of its first maximum, as <c>numpy.argmax</c> does: -0 and +0 are equal, and a
    /// row containing NaN gives the index of its first NaN.
    /// </summary>
    /// <param name="input">The rows, row-major.</param>
    /// <param name="rowLength">The number of elements in a row.</param>
    /// <param name="destination">Receives one index per row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rowLength"/> is not positive.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="input"/> is not a whole number of rows, or <paramref name="destination"/> does not hold
    /// exactly one element per row.
    /// </exception>
    public static void ArgMax(ReadOnlySpan<float> input, int rowLength, Span<int> destination)
    {
        int rows = KernelGuard.RowCount(input.Length, rowLength);
        KernelGuard.ExactLength(destination.Length, rows, "one index per row");

        for (int r = 0; r < rows; r++)
        {
            destination[r] = ArgMaxKernel.IndexOfFirstMax(input.Slice(r * rowLength, rowLength));
        }
    }

    /// <summary>
    /// Finds, for each row, its <paramref name="k"/> largest values in descending order with their indices, ranked
    /// as <c>torch.topk</c> ranks them: NaN above +infinity, -0 equal to +0, ties by lower index first.
    /// </summary>
    /// <param name="input">The rows, row-major.</param>
    /// <param name="rowLength">The number of elements in a row.</param>
    /// <param name="k">How many elements to keep per row, from 1 to <paramref name="rowLength"/>.</param>
    /// <param name="indices">Receives <paramref name="k"/> indices per row, row-major.</param>
    /// <param name="values">Receives <paramref name="k"/> values per row, row-major.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="rowLength"/> is not positive, or <paramref name="k"/> is outside 1 to
    /// <paramref name="rowLength"/>.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="input"/> is not a whole number of rows, or <paramref name="indices"/> or
    /// <paramref name="values"/> does not hold exactly <paramref name="k"/> elements per row.
    /// </exception>
    public static void TopK(ReadOnlySpan<float> input, int rowLength, int k, Span<int> indices, Span<float> values)
    {
        int rows = KernelGuard.RowCount(input.Length, rowLength);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, rowLength);

        // k <= rowLength, so rows * k <= input.Length and cannot overflow.
        KernelGuard.ExactLength(indices.Length, rows * k, "k per row");
        KernelGuard.ExactLength(values.Length, rows * k, "k per row");

        for (int r = 0; r < rows; r++)
        {
            TopKSelector.Select(
                input.Slice(r * rowLength, rowLength),
                indices.Slice(r * k, k),
                values.Slice(r * k, k));
        }
    }
}
