namespace Ml.Sdk.Training.Search.Internal;

/// <summary>
/// Positive reals whose logarithm is uniform on [ln low, ln high], as <c>scipy.stats.loguniform</c>: each decade is
/// equally likely, which suits learning rates and regularisation strengths. Continuous, so it has no grid.
/// </summary>
internal sealed class LogUniformDimension : SearchDimension
{
    private readonly double _low;
    private readonly double _high;
    private readonly double _logLow;
    private readonly double _logWidth;

    public LogUniformDimension(string name, double low, double high)
        : base(name)
    {
        _low = low;
        _high = high;
        _logLow = Math.Log(low);
        _logWidth = Math.Log(high) - _logLow;
    }

    public override string Kind => nameof(SearchSpace.LogUniform);

    public override long? GridSize => null;

    public override object GridValue(long index) => throw new NotSupportedException($"{Kind} '{Name}' has no grid.");

    // exp(log(x)) need not round back to x, so the bounds are enforced after the transform.
    public override object Sample(Random random) => Math.Clamp(Math.Exp(_logLow + (_logWidth * random.NextDouble())), _low, _high);
}
