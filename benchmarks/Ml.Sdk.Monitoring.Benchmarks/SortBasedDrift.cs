using Ml.Sdk.Monitoring.Distances;
using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Benchmarks;

/// <summary>
/// The straightforward way to compute the same drift statistics without a profile: copy and <see cref="Array.Sort(Array)"/>
/// both the reference and the current column on every call, take the quantile bin edges from the sorted reference,
/// and count both columns into the bins by binary search. The baseline that <see cref="DriftBenchmarks"/> measures against.
/// </summary>
internal static class SortBasedDrift
{
    public static double PopulationStabilityIndex(float[] reference, float[] current, int bins)
    {
        (double[] p, double[] q) = Shares(reference, current, bins);
        return Distances.PopulationStabilityIndex.Compute(p, q, 1e-4);
    }

    public static double JensenShannon(float[] reference, float[] current, int bins)
    {
        (double[] p, double[] q) = Shares(reference, current, bins);
        return JensenShannonDistance.Compute(p, q);
    }

    public static double WassersteinNormed(float[] reference, float[] current)
    {
        float[] r = Sorted(reference);
        float[] c = Sorted(current);
        double mean = 0;
        foreach (float v in r)
        {
            mean += v;
        }

        mean /= r.Length;
        double squares = 0;
        foreach (float v in r)
        {
            squares += (v - mean) * (v - mean);
        }

        return WassersteinDistance.FromSorted(r, c) / Math.Max(Math.Sqrt(squares / r.Length), 0.001);
    }

    public static StatisticalTestResult KolmogorovSmirnov(float[] reference, float[] current)
    {
        float[] r = Sorted(reference);
        float[] c = Sorted(current);
        return KolmogorovSmirnovTest.TwoSampleSorted(r, c);
    }

    private static (double[] Reference, double[] Current) Shares(float[] reference, float[] current, int bins)
    {
        float[] r = Sorted(reference);
        float[] edges = new float[bins + 1];
        for (int i = 0; i <= bins; i++)
        {
            double h = (r.Length - 1) * (i / (double)bins);
            int lo = (int)h;
            int hi = Math.Min(lo + 1, r.Length - 1);
            edges[i] = (float)(r[lo] + ((r[hi] - r[lo]) * (h - lo)));
        }

        return (Count(r, edges), Count(current, edges));
    }

    private static double[] Count(float[] values, float[] edges)
    {
        int bins = edges.Length - 1;
        double[] shares = new double[bins];
        foreach (float v in values)
        {
            // The last edge below or at v; the outer bins are open-ended.
            int index = Array.BinarySearch(edges, v);
            int bin = index >= 0 ? index : ~index - 1;
            shares[Math.Clamp(bin, 0, bins - 1)]++;
        }

        for (int i = 0; i < bins; i++)
        {
            shares[i] /= values.Length;
        }

        return shares;
    }

    private static float[] Sorted(float[] values)
    {
        float[] copy = (float[])values.Clone();
        Array.Sort(copy);
        return copy;
    }
}
