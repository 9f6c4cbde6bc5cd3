using Ml.Sdk.Core.Kernels;

namespace Ml.Sdk.Core.Tests.Kernels;

public sealed class AllocationTests
{
    private const int Length = 65536;
    private const int RowLength = 1024;

    private readonly float[] _input = CreateInput();
    private readonly float[] _output = new float[Length];
    private readonly int[] _rowIndices = new int[Length / RowLength * 5];
    private readonly float[] _rowValues = new float[Length / RowLength * 5];

    [Fact]
    public void Softmax_AfterWarmUp_AllocatesNothing() => AssertNoAllocation(() => RowWise.Softmax(_input, _output, RowLength));

    [Fact]
    public void LogSoftmax_AfterWarmUp_AllocatesNothing() => AssertNoAllocation(() => RowWise.LogSoftmax(_input, _output, RowLength));

    [Fact]
    public void ArgMax_AfterWarmUp_AllocatesNothing() => AssertNoAllocation(() => RowWise.ArgMax(_input, RowLength, _rowIndices.AsSpan(0, Length / RowLength)));

    [Fact]
    public void TopK_AfterWarmUp_AllocatesNothing() => AssertNoAllocation(() => RowWise.TopK(_input, RowLength, 5, _rowIndices, _rowValues));

    [Fact]
    public void MomentsCompute_AfterWarmUp_AllocatesNothing() => AssertNoAllocation(() => Moments.Compute(_input));

    [Fact]
    public void StandardScaler_AfterWarmUp_AllocatesNothing() => AssertNoAllocation(() => StandardScaler.Fit(_input).Transform(_input, _output));

    [Fact]
    public void MinMaxScaler_AfterWarmUp_AllocatesNothing() => AssertNoAllocation(() => MinMaxScaler.Fit(_input).InverseTransform(_input, _output));

    private static void AssertNoAllocation(Action kernel)
    {
        kernel();
        long before = GC.GetAllocatedBytesForCurrentThread();
        kernel();
        long after = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(0, after - before);
    }

    private static float[] CreateInput()
    {
        var random = new Random(42);
        float[] values = new float[Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 20) - 10);
        }

        // One NaN sends a Moments block down the slow path, which must not allocate either.
        values[100] = float.NaN;
        return values;
    }
}
