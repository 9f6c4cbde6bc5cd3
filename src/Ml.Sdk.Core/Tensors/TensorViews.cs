using System.Numerics.Tensors;

namespace Ml.Sdk.Core.Tensors;

/// <summary>
/// Bridges flat buffers and <see cref="Tensor{T}"/>, the public tensor currency of Ml.Sdk: tensors over existing
/// arrays and spans without copying, and row views of batches.
/// </summary>
/// <remarks>
/// A batch is a dense row-major tensor whose first dimension is the row (sample) index; a row is the contiguous
/// block of the remaining dimensions.
/// </remarks>
public static class TensorViews
{
    /// <summary>Wraps an array as a dense tensor of the given shape. The tensor shares the array: nothing is copied.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="shape">The lengths; their product must equal <paramref name="data"/>'s length.</param>
    /// <returns>A tensor over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The shape's element count differs from the array's length, or a length is negative.</exception>
    public static Tensor<T> Wrap<T>(T[] data, params ReadOnlySpan<nint> shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckElementCount(data.Length, shape);
        return Tensor.Create(data, shape);
    }

    /// <summary>Views a read-only span as a dense tensor span of the given shape, without copying.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="shape">The lengths; their product must equal <paramref name="data"/>'s length.</param>
    /// <returns>A read-only tensor span over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentException">The shape's element count differs from the span's length, or a length is negative.</exception>
    public static ReadOnlyTensorSpan<T> View<T>(ReadOnlySpan<T> data, params ReadOnlySpan<nint> shape)
    {
        CheckElementCount(data.Length, shape);
        return new ReadOnlyTensorSpan<T>(data, shape);
    }

    /// <summary>Views a span as a dense writable tensor span of the given shape, without copying.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="data">The elements in row-major order.</param>
    /// <param name="shape">The lengths; their product must equal <paramref name="data"/>'s length.</param>
    /// <returns>A tensor span over <paramref name="data"/>.</returns>
    /// <exception cref="ArgumentException">The shape's element count differs from the span's length, or a length is negative.</exception>
    public static TensorSpan<T> View<T>(Span<T> data, params ReadOnlySpan<nint> shape)
    {
        CheckElementCount(data.Length, shape);
        return new TensorSpan<T>(data, shape);
    }

    /// <summary>Returns the number of rows (the first dimension) of a batch.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="batch">The batch.</param>
    /// <returns>The row count.</returns>
    /// <exception cref="ArgumentException">The tensor is a scalar (rank 0).</exception>
    public static int RowCount<T>(in ReadOnlyTensorSpan<T> batch)
    {
        if (batch.Rank == 0)
        {
            throw new ArgumentException("A scalar tensor has no rows.", nameof(batch));
        }

        return checked((int)batch.Lengths[0]);
    }

    /// <summary>Returns the number of elements in one row of a batch (the product of every dimension but the first).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="batch">The batch.</param>
    /// <returns>The row length.</returns>
    /// <exception cref="ArgumentException">The tensor is a scalar (rank 0).</exception>
    public static int RowLength<T>(in ReadOnlyTensorSpan<T> batch)
    {
        if (batch.Rank == 0)
        {
            throw new ArgumentException("A scalar tensor has no rows.", nameof(batch));
        }

        long length = 1;
        for (int i = 1; i < batch.Rank; i++)
        {
            length *= batch.Lengths[i];
        }

        return checked((int)length);
    }

    /// <summary>Returns row <paramref name="row"/> of a dense batch as a span over the tensor's memory (no copy).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="batch">A dense, row-major batch.</param>
    /// <param name="row">The row index.</param>
    /// <returns>The row's elements.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the batch.</exception>
    /// <exception cref="ArgumentException">The tensor is a scalar or is not dense (a strided view).</exception>
    public static ReadOnlySpan<T> Row<T>(in ReadOnlyTensorSpan<T> batch, int row)
    {
        int rows = RowCount(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, rows);
        int rowLength = RowLength(batch);
        if (!batch.IsDense)
        {
            throw new ArgumentException("Row views need a dense tensor; copy the strided view first.", nameof(batch));
        }

        Span<nint> start = stackalloc nint[batch.Rank];
        start[0] = row;
        return batch.GetSpan(start, rowLength);
    }

    /// <summary>Returns row <paramref name="row"/> of a dense batch as a writable span over the tensor's memory.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="batch">A dense, row-major batch.</param>
    /// <param name="row">The row index.</param>
    /// <returns>The row's elements.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the batch.</exception>
    /// <exception cref="ArgumentException">The tensor is a scalar or is not dense.</exception>
    public static Span<T> Row<T>(Tensor<T> batch, int row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ReadOnlySpan<T> view = Row(batch.AsReadOnlyTensorSpan(), row);
        Span<nint> start = stackalloc nint[batch.Rank];
        start[0] = row;
        return batch.GetSpan(start, view.Length);
    }

    private static void CheckElementCount(int available, ReadOnlySpan<nint> shape)
    {
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new ArgumentException($"Dimension {i} has negative length {shape[i]}.", nameof(shape));
            }

            count *= shape[i];
        }

        if (count != available)
        {
            throw new ArgumentException(
                $"The shape [{string.Join(',', shape.ToArray())}] holds {count} elements but the buffer has {available}.",
                nameof(shape));
        }
    }
}
