using FsCheck;
using FsCheck.Fluent;

namespace Ml.Sdk.Core.Tests.Kernels;

/// <summary>Random kernel inputs that reach the edges: NaN, ±inf, ±0, ties, and lengths off the vector width.</summary>
internal static class KernelArbitraries
{
    private static readonly float[] s_specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f];

    /// <summary>Arrays of length 0..300 mostly, sometimes 900..5000.</summary>
    public static Arbitrary<float[]> Arrays(bool specials = true) =>
        Gen.Frequency((8, Gen.Choose(0, 300)), (2, Gen.Choose(900, 5000)))
            .SelectMany(length => ArrayOf(length, specials))
            .ToArbitrary();

    /// <summary>Rows of length 1..70 mostly, sometimes 900..1100, with 0..6 rows.</summary>
    public static Arbitrary<(float[] Input, int RowLength)> Rows(bool specials = true) =>
        Gen.Frequency((8, Gen.Choose(1, 70)), (1, Gen.Choose(900, 1100)))
            .SelectMany(rowLength => Gen.Choose(0, 6).SelectMany(rows => ArrayOf(rows * rowLength, specials))
                .Select(input => (input, rowLength)))
            .ToArbitrary();

    /// <summary>Rows as in <see cref="Rows"/>, with a k from 1 to the row length (mostly small).</summary>
    public static Arbitrary<(float[] Input, int RowLength, int K)> RowsWithK() =>
        Rows().Generator
            .SelectMany(r => Gen.Frequency((3, Gen.Choose(1, Math.Min(8, r.RowLength))), (1, Gen.Choose(1, r.RowLength)))
                .Select(k => (r.Input, r.RowLength, k)))
            .ToArbitrary();

    private static Gen<float[]> ArrayOf(int length, bool specials) =>
        Gen.Elements(0, 1, 10, 30).SelectMany(specialPercent => Value(specials ? specialPercent : 0).ArrayOf(length));

    private static Gen<float> Value(int specialPercent) =>
        specialPercent == 0
            ? Ordinary()
            : Gen.Frequency((100 - specialPercent, Ordinary()), (specialPercent, Gen.Elements(s_specials)));

    // Wide values (beyond exp's float range), small integers for ties, and values far from zero.
    private static Gen<float> Ordinary() =>
        Gen.Frequency(
            (6, Gen.Choose(-200_000, 200_000).Select(i => i / 1000f)),
            (2, Gen.Choose(-5, 5).Select(i => (float)i)),
            (1, Gen.Choose(-1000, 1000).Select(i => 1e6f + (i / 64f))));
}
