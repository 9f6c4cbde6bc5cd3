namespace Ml.Sdk.Core.Tests.Kernels;

public sealed record QuantileCase(float[] Values, double[] Probabilities)
{
    public override string ToString() =>
        $"p = [{string.Join(", ", Probabilities)}], values[{Values.Length}] = [{string.Join(", ", Values.Take(40))}...]";
}
