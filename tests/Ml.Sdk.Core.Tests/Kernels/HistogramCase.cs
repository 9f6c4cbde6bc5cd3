namespace Ml.Sdk.Core.Tests.Kernels;

public sealed record HistogramCase(float[] Values, float[] Edges)
{
    public override string ToString() =>
        $"edges[{Edges.Length}] = [{string.Join(", ", Edges)}], values[{Values.Length}] = [{string.Join(", ", Values.Take(40))}...]";
}
