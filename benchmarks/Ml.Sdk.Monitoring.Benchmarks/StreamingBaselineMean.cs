namespace Ml.Sdk.Monitoring.Benchmarks;

/// <summary>River's <c>stats.Mean</c> as an object, for the baselines written River's way.</summary>
internal sealed class StreamingBaselineMean
{
    public double Count { get; private set; }

    public double Value { get; private set; }

    public void Update(double value)
    {
        Count += 1.0;
        Value += 1.0 / Count * (value - Value);
    }
}
