using FsCheck;
using FsCheck.Xunit;
using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

public sealed class TwoSampleTestPropertyTests
{
    // Small integer-valued floats so that ties are frequent.
    private static float[] ToSample(NonEmptyArray<sbyte> values) => Array.ConvertAll(values.Get, static v => (float)(v % 16) / 2);

    private static float[] Sorted(float[] values)
    {
        float[] copy = (float[])values.Clone();
        Array.Sort(copy);
        return copy;
    }

    [Property(MaxTest = 200)]
    public bool KolmogorovSmirnov_Statistic_EqualsBruteForceMaxDistance(NonEmptyArray<sbyte> a, NonEmptyArray<sbyte> b)
    {
        float[] x = ToSample(a);
        float[] y = ToSample(b);
        double brute = 0;
        foreach (float v in x.Concat(y))
        {
            double f1 = (double)x.Count(e => e <= v) / x.Length;
            double f2 = (double)y.Count(e => e <= v) / y.Length;
            brute = Math.Max(brute, Math.Abs(f1 - f2));
        }

        double d = KolmogorovSmirnovTest.TwoSample(x, y, KolmogorovSmirnovMethod.Asymptotic).Statistic;
        return Math.Abs(d - brute) <= 1e-15;
    }

    [Property(MaxTest = 200)]
    public bool KolmogorovSmirnov_SwappingSamples_KeepsStatisticAndPValue(NonEmptyArray<sbyte> a, NonEmptyArray<sbyte> b)
    {
        float[] x = ToSample(a);
        float[] y = ToSample(b);
        StatisticalTestResult forward = KolmogorovSmirnovTest.TwoSample(x, y);
        StatisticalTestResult backward = KolmogorovSmirnovTest.TwoSample(y, x);
        return forward.Statistic == backward.Statistic && Math.Abs(forward.PValue - backward.PValue) <= 1e-12;
    }

    [Property(MaxTest = 200)]
    public bool MannWhitney_UOfBothOrders_SumsToProductOfSizes(NonEmptyArray<sbyte> a, NonEmptyArray<sbyte> b)
    {
        float[] x = ToSample(a);
        float[] y = ToSample(b);
        double u1 = MannWhitneyUTest.TwoSample(x, y).Statistic;
        double u2 = MannWhitneyUTest.TwoSample(y, x).Statistic;
        return u1 + u2 == (double)x.Length * y.Length;
    }

    [Property(MaxTest = 100)]
    public bool AllTests_PValue_IsInUnitInterval(NonEmptyArray<sbyte> a, NonEmptyArray<sbyte> b)
    {
        float[] x = ToSample(a);
        float[] y = ToSample(b);
        StatisticalTestResult[] results =
        [
            KolmogorovSmirnovTest.TwoSample(x, y),
            KolmogorovSmirnovTest.TwoSample(x, y, KolmogorovSmirnovMethod.Asymptotic),
            CramerVonMisesTest.TwoSample(x, y),
            AndersonDarlingTest.TwoSample(x, y),
            MannWhitneyUTest.TwoSample(x, y),
            StudentTTest.TwoSample(x, y),
            StudentTTest.TwoSample(x, y, equalVariances: false),
        ];
        return results.All(static r => r.PValue is >= 0 and <= 1);
    }

    [Property(MaxTest = 100)]
    public bool SortedEntryPoints_AgreeWithUnsorted(NonEmptyArray<sbyte> a, NonEmptyArray<sbyte> b)
    {
        float[] x = ToSample(a);
        float[] y = ToSample(b);
        float[] sx = Sorted(x);
        float[] sy = Sorted(y);
        return KolmogorovSmirnovTest.TwoSample(x, y) == KolmogorovSmirnovTest.TwoSampleSorted(sx, sy)
            && CramerVonMisesTest.TwoSample(x, y) == CramerVonMisesTest.TwoSampleSorted(sx, sy)
            && AndersonDarlingTest.TwoSample(x, y) == AndersonDarlingTest.TwoSampleSorted(sx, sy)
            && MannWhitneyUTest.TwoSample(x, y) == MannWhitneyUTest.TwoSampleSorted(sx, sy);
    }

    [Property(MaxTest = 100)]
    public bool ChiSquare_PValue_IsInUnitIntervalAndStatisticNonNegative(NonEmptyArray<byte> counts)
    {
        double[] observed = Array.ConvertAll(counts.Get, static c => (double)c);
        double total = observed.Sum();
        double[] expected = Enumerable.Repeat(total / observed.Length, observed.Length).ToArray();
        StatisticalTestResult result = ChiSquareTest.GoodnessOfFit(observed, expected);
        return result.Statistic >= 0 && result.PValue is >= 0 and <= 1;
    }
}
