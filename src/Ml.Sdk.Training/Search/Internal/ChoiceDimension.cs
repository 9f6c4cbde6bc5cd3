namespace Ml.Sdk.Training.Search.Internal;

/// <summary>A finite list of values, tried in the order given on a grid and drawn with equal chance at random.</summary>
internal sealed class ChoiceDimension : SearchDimension
{
    private readonly object[] _values;

    public ChoiceDimension(string name, object[] values)
        : base(name) => _values = values;

    public override string Kind => nameof(SearchSpace.Choice);

    public override long? GridSize => _values.Length;

    public override object GridValue(long index) => _values[index];

    public override object Sample(Random random) => _values[random.Next(_values.Length)];
}
