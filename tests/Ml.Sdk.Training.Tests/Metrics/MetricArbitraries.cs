using FsCheck;
using FsCheck.Fluent;

namespace Ml.Sdk.Training.Tests.Metrics;

/// <summary>Random metric inputs that reach the edges: few samples, absent classes, and many tied scores.</summary>
internal static class MetricArbitraries
{
    /// <summary>Labels and predictions over 1..6 classes, 1..60 samples, often leaving classes out of either.</summary>
    public static Arbitrary<(long[] Labels, long[] Predicted, int ClassCount)> LabelPairs() =>
        Gen.Choose(1, 6).SelectMany(classCount =>
            Gen.Choose(1, 60).SelectMany(length =>
                Label(classCount).ArrayOf(length).SelectMany(labels =>
                    Label(classCount).ArrayOf(length).Select(predicted => (labels, predicted, classCount)))))
            .ToArbitrary();

    /// <summary>Binary labels with both classes present, and scores drawn from a small set so that ties are common.</summary>
    public static Arbitrary<(long[] Labels, float[] Scores)> BinaryScores() =>
        Gen.Choose(2, 80).SelectMany(length =>
            Gen.Elements(0L, 1L).ArrayOf(length).Where(l => l.Contains(0L) && l.Contains(1L)).SelectMany(labels =>
                Gen.Frequency(
                        (2, Gen.Choose(-3, 3).Select(i => (float)i)),
                        (1, Gen.Choose(-100_000, 100_000).Select(i => i / 1000f)),
                        (1, Gen.Elements(0f, -0f)))
                    .ArrayOf(length)
                    .Select(scores => (labels, scores))))
            .ToArbitrary();

    /// <summary>Targets and predictions of 2..60 finite values, sometimes constant targets.</summary>
    public static Arbitrary<(float[] Targets, float[] Predictions)> RegressionPairs() =>
        Gen.Choose(2, 60).SelectMany(length =>
            Gen.Frequency((4, Value().ArrayOf(length)), (1, Value().Select(v => Enumerable.Repeat(v, length).ToArray())))
                .SelectMany(targets => Value().ArrayOf(length).Select(predictions => (targets, predictions))))
            .ToArbitrary();

    private static Gen<long> Label(int classCount) => Gen.Choose(0, classCount - 1).Select(i => (long)i);

    private static Gen<float> Value() =>
        Gen.Frequency(
            (3, Gen.Choose(-100_000, 100_000).Select(i => i / 100f)),
            (1, Gen.Choose(-3, 3).Select(i => (float)i)));
}
