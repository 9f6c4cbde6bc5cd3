using FsCheck;
using FsCheck.Fluent;

namespace Ml.Sdk.Monitoring.Tests.Performance;

/// <summary>Random metric inputs that reach the edges: one sample, one class only, many tied scores, signed zeros.</summary>
internal static class PerformanceArbitraries
{
    /// <summary>Binary labels and predictions of 1..60 samples, often leaving a class out.</summary>
    public static Arbitrary<(double[] Labels, double[] Predictions)> BinaryPairs() =>
        Gen.Choose(1, 60).SelectMany(length =>
            Binary().ArrayOf(length).SelectMany(labels =>
                Binary().ArrayOf(length).Select(predictions => (labels, predictions))))
            .ToArbitrary();

    /// <summary>Binary labels with both classes present and scores drawn so that ties (and -0 against 0) are common.</summary>
    public static Arbitrary<(double[] Labels, double[] Scores)> BinaryScores() =>
        Gen.Choose(2, 80).SelectMany(length =>
            Binary().ArrayOf(length).Where(l => l.Contains(0.0) && l.Contains(1.0)).SelectMany(labels =>
                Gen.Frequency(
                        (2, Gen.Choose(-3, 3).Select(i => (double)i)),
                        (2, Gen.Choose(-100_000, 100_000).Select(i => i / 1000.0)),
                        (1, Gen.Elements(0.0, -0.0)))
                    .ArrayOf(length)
                    .Select(scores => (labels, scores))))
            .ToArbitrary();

    /// <summary>Labels, predictions and group ids (from 1 to 4 groups, ids anywhere in int) of 1..60 samples.</summary>
    public static Arbitrary<(double[] Labels, double[] Predictions, int[] Groups)> GroupedPairs() =>
        Gen.Choose(1, 60).SelectMany(length =>
            Gen.Elements(int.MinValue, -7, 0, 3, int.MaxValue).ArrayOf(length).SelectMany(groups =>
                Binary().ArrayOf(length).SelectMany(labels =>
                    Binary().ArrayOf(length).Select(predictions => (labels, predictions, groups)))))
            .ToArbitrary();

    /// <summary>Finite targets and predictions of 1..60 values.</summary>
    public static Arbitrary<(double[] Labels, double[] Predictions)> RegressionPairs() =>
        Gen.Choose(1, 60).SelectMany(length =>
            Real().ArrayOf(length).SelectMany(labels => Real().ArrayOf(length).Select(predictions => (labels, predictions))))
            .ToArbitrary();

    private static Gen<double> Binary() => Gen.Elements(0.0, 1.0);

    private static Gen<double> Real() =>
        Gen.Frequency(
            (3, Gen.Choose(-100_000, 100_000).Select(i => i / 100.0)),
            (1, Gen.Choose(-3, 3).Select(i => (double)i)));
}
