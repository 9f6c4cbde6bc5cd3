namespace Ml.Sdk.Core.Tests.Kernels;

public sealed record EquiDepthCase(float[] Values, int BinCount)
{
    public override string ToString() =>
        $"bins = {BinCount}, values[{Values.Length}] = [{string.Join(", ", Values.Take(40))}...]";
}
