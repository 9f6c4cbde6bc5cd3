namespace Ml.Sdk.Training.Search.Internal;

/// <summary>The integers from low to high inclusive, ascending on a grid and uniform at random.</summary>
internal sealed class IntRangeDimension : SearchDimension
{
    private readonly int _low;
    private readonly int _high;

    public IntRangeDimension(string name, int low, int high)
        : base(name)
    {
        _low = low;
        _high = high;
    }

    public override string Kind => nameof(SearchSpace.IntRange);

    // As long: int.MinValue..int.MaxValue holds 2^32 values.
    public override long? GridSize => (long)_high - _low + 1;

    public override object GridValue(long index) => (int)(_low + index);

    public override object Sample(Random random) => (int)random.NextInt64(_low, (long)_high + 1);
}
