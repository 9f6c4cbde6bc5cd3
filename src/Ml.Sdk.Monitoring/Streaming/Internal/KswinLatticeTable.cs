using Ml.Sdk.Monitoring.Statistics;

namespace Ml.Sdk.Monitoring.Streaming.Internal;

/// <summary>
/// The exact two-sample Kolmogorov–Smirnov result of <see cref="Kswin"/>, by lattice point: with two samples of
/// <c>n</c> values, D = h / n for an integer h in [0, n], and the exact test's statistic and p-value depend on h alone.
/// Each entry is computed the first time its h occurs, by <see cref="KolmogorovSmirnovTest.TwoSampleSorted"/> itself on
/// two samples whose D is h / n, so a lookup returns exactly what running the test on the real samples would.
/// </summary>
/// <remarks>
/// A per-h table rather than one critical h: the verdict is read from the p-value computed for that h, so it stays
/// right even where rounding made the computed p-value not monotone in D. Filling an entry allocates nothing (the exact
/// path of equal sizes works in place), which keeps <see cref="Kswin.Update(double)"/> allocation-free.
/// </remarks>
internal sealed class KswinLatticeTable
{
    private readonly double _alpha;
    private readonly double[] _statistic;
    private readonly double[] _pValue;
    private readonly bool[] _drift;
    private readonly bool[] _known;
    private readonly float[] _first;
    private readonly float[] _second;

    /// <summary>Creates an empty table for two samples of <paramref name="sampleSize"/> values.</summary>
    /// <param name="sampleSize">The size n of each sample, at least 1.</param>
    /// <param name="alpha">The significance level the verdict compares the p-value with.</param>
    public KswinLatticeTable(int sampleSize, double alpha)
    {
        _alpha = alpha;
        _statistic = new double[sampleSize + 1];
        _pValue = new double[sampleSize + 1];
        _drift = new bool[sampleSize + 1];
        _known = new bool[sampleSize + 1];
        _first = new float[sampleSize];
        _second = new float[sampleSize];
    }

    /// <summary>Gets the test's result for D = <paramref name="h"/> / n.</summary>
    /// <param name="h">The lattice index of D, in [0, n].</param>
    /// <param name="statistic">The statistic the test reports (D rounded to its lattice).</param>
    /// <param name="pValue">The exact two-sided p-value.</param>
    /// <param name="drift">KSWIN's verdict: the p-value is at most alpha and the statistic exceeds 0.1.</param>
    public void Get(int h, out double statistic, out double pValue, out bool drift)
    {
        if (!_known[h])
        {
            Fill(h);
        }

        statistic = _statistic[h];
        pValue = _pValue[h];
        drift = _drift[h];
    }

    private void Fill(int h)
    {
        // h zeros then ones against all ones: after the zeros the distribution functions differ by h / n, then both
        // reach 1 together, so D = h / n; only 0 and 1 appear, exact in float for any n.
        _first.AsSpan(0, h).Clear();
        _first.AsSpan(h).Fill(1f);
        _second.AsSpan().Fill(1f);
        StatisticalTestResult test = KolmogorovSmirnovTest.TwoSampleSorted(_first, _second, KolmogorovSmirnovMethod.Exact);
        _statistic[h] = test.Statistic;
        _pValue[h] = test.PValue;
        _drift[h] = test.PValue <= _alpha && test.Statistic > 0.1;
        _known[h] = true;
    }
}
