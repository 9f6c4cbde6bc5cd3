namespace Ml.Sdk.Training.Search.Internal;

/// <summary>Reals drawn uniformly from [low, high]; continuous, so it has no grid.</summary>
internal sealed class UniformDimension : SearchDimension
{
    private readonly double _low;
    private readonly double _high;

    public UniformDimension(string name, double low, double high)
        : base(name)
    {
        _low = low;
        _high = high;
    }

    public override string Kind => nameof(SearchSpace.Uniform);

    public override long? GridSize => null;

    public override object GridValue(long index) => throw new NotSupportedException($"{Kind} '{Name}' has no grid.");

    // NextDouble is below 1, but rounding of low + width·u can still land a hair past high.
    public override object Sample(Random random) => Math.Min(_low + ((_high - _low) * random.NextDouble()), _high);
}
