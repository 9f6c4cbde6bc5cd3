namespace Ml.Sdk.Core.Tests.Kernels.Reference;

/// <summary>
/// numpy.nanquantile ('linear') the obvious way: copy the numbers, sort them, pick and interpolate. The tests' oracle
/// and the benchmarks' baseline.
/// </summary>
public static class ScalarQuantiles
{
    public static void Compute(ReadOnlySpan<float> values, ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        float[] sorted = SortedNumbers(values);
        for (int i = 0; i < probabilities.Length; i++)
        {
            destination[i] = Pick(sorted, probabilities[i]);
        }
    }

    public static double Compute(ReadOnlySpan<float> values, double probability) =>
        Pick(SortedNumbers(values), probability);

    public static void EquiDepth(ReadOnlySpan<float> values, int binCount, Span<float> edges)
    {
        float[] sorted = SortedNumbers(values);
        for (int i = 0; i <= binCount; i++)
        {
            edges[i] = (float)Pick(sorted, i / (double)binCount);
        }
    }

    private static float[] SortedNumbers(ReadOnlySpan<float> values)
    {
        var numbers = new List<float>(values.Length);
        foreach (float value in values)
        {
            if (!float.IsNaN(value))
            {
                numbers.Add(value);
            }
        }

        float[] sorted = numbers.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static double Pick(float[] sorted, double probability)
    {
        int n = sorted.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        double h = (n - 1) * probability;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, n - 1);
        double t = h - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        return t < 0.5 ? a + ((b - a) * t) : b - ((b - a) * (1 - t));
    }
}
