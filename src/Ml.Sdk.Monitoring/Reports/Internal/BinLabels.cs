namespace Ml.Sdk.Monitoring.Reports.Internal;

/// <summary>Names numeric bins from their edges, the way the detector counts them: the first and last bins are open-ended.</summary>
internal static class BinLabels
{
    // Tried in turn until no two different adjacent edges print alike, so that close quantiles stay distinguishable
    // without printing 17 digits for every ordinary edge.
    private static readonly string[] s_formats = ["G4", "G6", "G9", "R"];

    public static string[] For(IReadOnlyList<double> edges)
    {
        int bins = Math.Max(edges.Count - 1, 0);
        if (bins == 0)
        {
            return [];
        }

        if (bins == 1)
        {
            return ["all values"];
        }

        string[] text = FormatEdges(edges);
        var labels = new string[bins];
        labels[0] = "< " + text[1];
        for (int i = 1; i < bins - 1; i++)
        {
            labels[i] = "[" + text[i] + ", " + text[i + 1] + ")";
        }

        labels[bins - 1] = ">= " + text[bins - 1];
        return labels;
    }

    private static string[] FormatEdges(IReadOnlyList<double> edges)
    {
        var text = new string[edges.Count];
        foreach (string format in s_formats)
        {
            for (int i = 0; i < edges.Count; i++)
            {
                text[i] = ReportNumbers.Number(edges[i], format);
            }

            if (Distinguishes(edges, text))
            {
                break;
            }
        }

        return text;
    }

    private static bool Distinguishes(IReadOnlyList<double> edges, string[] text)
    {
        for (int i = 1; i < edges.Count; i++)
        {
            if (edges[i] != edges[i - 1] && string.Equals(text[i], text[i - 1], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
