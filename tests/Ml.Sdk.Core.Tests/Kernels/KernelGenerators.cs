using FsCheck;
using FsCheck.Fluent;

namespace Ml.Sdk.Core.Tests.Kernels;

/// <summary>Random inputs that lean on the cases kernels get wrong: ties, edges, specials, awkward lengths.</summary>
internal static class KernelGenerators
{
    public static readonly Gen<int> Length = Gen.Frequency(
        (8, Gen.Choose(0, 300)),
        (1, Gen.Choose(1000, 5000)));

    // Few distinct magnitudes so that ties and values on edges are common.
    public static readonly Gen<float> Tie = Gen.Choose(-8, 8).Select(i => i / 2f);

    public static readonly Gen<float> Special = Gen.Elements(
        float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.MaxValue, float.MinValue, float.Epsilon);

    public static readonly Gen<float> Spread = Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000f);

    public static Gen<float> Value(float[] edges) => Gen.Frequency(
        (4, Tie),
        (2, Spread),
        (1, Special),
        (3, edges.Length == 0 ? Tie : Gen.Elements(edges)));

    public static Gen<float[]> Values(float[] edges) =>
        Length.SelectMany(length => Gen.ArrayOf(Value(edges), length));

    /// <summary>Between 2 and 80 sorted edges, often repeated, sometimes infinite.</summary>
    public static readonly Gen<float[]> Edges = Gen.Choose(2, 80)
        .SelectMany(count => Gen.ArrayOf(
            Gen.Frequency(
                (6, Tie),
                (3, Spread),
                (1, Gen.Elements(float.NegativeInfinity, float.PositiveInfinity, -0f, 0f))),
            count))
        .Select(edges =>
        {
            Array.Sort(edges);
            return edges;
        });

    public static readonly Gen<HistogramCase> HistogramCases =
        Edges.SelectMany(edges => Values(edges).Select(values => new HistogramCase(values, edges)));

    public static readonly Gen<double> Probability = Gen.Frequency(
        (3, Gen.Elements(0.0, 1.0, 0.5, 0.25, 0.75, 0.1, 0.9, 0.01, 0.99, 1.0 / 3)),
        (3, Gen.Choose(0, 1_000_000).Select(i => i / 1_000_000.0)));

    public static readonly Gen<QuantileCase> QuantileCases =
        Values([])
            .Where(values => values.Length > 0)
            .SelectMany(values => Gen.Choose(0, 12)
                .SelectMany(count => Gen.ArrayOf(Probability, count))
                .Select(probabilities => new QuantileCase(values, probabilities)));

    public static readonly Gen<EquiDepthCase> EquiDepthCases =
        Values([])
            .Where(values => values.Any(value => !float.IsNaN(value)))
            .SelectMany(values => Gen.Choose(1, 40).Select(bins => new EquiDepthCase(values, bins)));
}
