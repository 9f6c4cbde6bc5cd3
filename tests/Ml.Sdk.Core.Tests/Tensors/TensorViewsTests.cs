using System.Numerics.Tensors;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Core.Tests.Tensors;

public class TensorViewsTests
{
    [Fact]
    public void Wrap_Array_SharesMemoryWithoutCopying()
    {
        float[] data = [1, 2, 3, 4, 5, 6];

        Tensor<float> tensor = TensorViews.Wrap(data, 2, 3);
        data[4] = 50;
        TensorViews.Row(tensor, 0)[1] = 20;

        Assert.Equal(50, tensor[1, 1]);
        Assert.Equal(20, data[1]);
        Assert.Equal([2, 3], tensor.Lengths.ToArray());
    }

    [Fact]
    public void Row_DenseBatch_ReturnsRowOverSameMemory()
    {
        float[] data = [.. Enumerable.Range(0, 24).Select(i => (float)i)];
        ReadOnlyTensorSpan<float> batch = TensorViews.View<float>(data, 4, 2, 3);

        ReadOnlySpan<float> row = TensorViews.Row(batch, 2);

        Assert.Equal(4, TensorViews.RowCount(batch));
        Assert.Equal(6, TensorViews.RowLength(batch));
        Assert.Equal([12f, 13, 14, 15, 16, 17], row.ToArray());
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(row), ref data[12]));
    }

    [Fact]
    public void View_WritableSpan_WritesThrough()
    {
        float[] data = new float[6];

        TensorSpan<float> view = TensorViews.View(data.AsSpan(), 3, 2);
        view[2, 1] = 7;

        Assert.Equal(7, data[5]);
    }

    [Fact]
    public void BadShapesAndRows_Throw()
    {
        float[] data = new float[6];

        Assert.Throws<ArgumentException>(() => TensorViews.Wrap(data, 4, 2));
        Assert.Throws<ArgumentException>(() => TensorViews.Wrap(data, -2, -3));
        Assert.Throws<ArgumentException>(() => TensorViews.View<float>(data, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorViews.Row(TensorViews.Wrap(data, 2, 3), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => TensorViews.Row(TensorViews.Wrap(data, 2, 3), -1));
        Assert.Throws<ArgumentNullException>(() => TensorViews.Wrap<float>(null!, 1));
    }
}
