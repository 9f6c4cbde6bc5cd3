using Ml.Sdk.Monitoring.Drift;

namespace Ml.Sdk.Monitoring.Reports.Internal;

/// <summary>The bar groups one chart draws: a label and the reference and current shares per bin or category.</summary>
internal sealed class ChartBars
{
    private ChartBars(string[] labels, double[] reference, double[] current)
    {
        Labels = labels;
        Reference = reference;
        Current = current;
    }

    public string[] Labels { get; }

    public double[] Reference { get; }

    public double[] Current { get; }

    public int Count => Labels.Length;

    /// <summary>
    /// Numeric bins are drawn as they are. Categories beyond <paramref name="maxGroups"/> are folded: the
    /// <c>maxGroups - 1</c> with the largest combined share keep their bars, in the comparison's order, and the rest are
    /// summed into a last "other" group, so that a column with thousands of labels still draws a readable, bounded chart.
    /// </summary>
    public static ChartBars From(DistributionComparison distribution, int maxGroups)
    {
        double[] reference = [.. distribution.ReferenceShares];
        double[] current = [.. distribution.CurrentShares];
        if (distribution.Kind == ColumnKind.Numeric)
        {
            return new ChartBars(BinLabels.For(distribution.BinEdges), reference, current);
        }

        string[] categories = [.. distribution.Categories];
        if (categories.Length <= maxGroups)
        {
            return new ChartBars(categories, reference, current);
        }

        int kept = maxGroups - 1;
        int[] keep = [.. Enumerable.Range(0, categories.Length)
            .OrderByDescending(i => Weight(reference[i]) + Weight(current[i]))
            .ThenBy(i => i)
            .Take(kept)
            .Order()];

        var labels = new string[maxGroups];
        var foldedReference = new double[maxGroups];
        var foldedCurrent = new double[maxGroups];
        var isKept = new bool[categories.Length];
        for (int g = 0; g < kept; g++)
        {
            int i = keep[g];
            isKept[i] = true;
            labels[g] = categories[i];
            foldedReference[g] = reference[i];
            foldedCurrent[g] = current[i];
        }

        for (int i = 0; i < categories.Length; i++)
        {
            if (!isKept[i])
            {
                foldedReference[kept] += Weight(reference[i]);
                foldedCurrent[kept] += Weight(current[i]);
            }
        }

        // The count in the label keeps the folded group apart from a real category that happens to be called "other".
        labels[kept] = $"other ({ReportNumbers.Count(categories.Length - kept)} categories)";
        return new ChartBars(labels, foldedReference, foldedCurrent);
    }

    private static double Weight(double share) => double.IsFinite(share) && share > 0 ? share : 0;
}
