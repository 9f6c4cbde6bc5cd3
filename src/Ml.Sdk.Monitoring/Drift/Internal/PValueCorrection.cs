namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>Adjusts a family of p-values for multiple testing.</summary>
internal static class PValueCorrection
{
    /// <summary>Writes the adjusted p-values of <paramref name="pValues"/> into <paramref name="adjusted"/>.</summary>
    public static void Adjust(MultipleTestingCorrection correction, ReadOnlySpan<double> pValues, Span<double> adjusted)
    {
        int m = pValues.Length;
        switch (correction)
        {
            case MultipleTestingCorrection.Bonferroni:
                for (int i = 0; i < m; i++)
                {
                    adjusted[i] = Math.Min(1, pValues[i] * m);
                }

                break;
            case MultipleTestingCorrection.BenjaminiHochberg:
                BenjaminiHochberg(pValues, adjusted);
                break;
            default:
                pValues.CopyTo(adjusted);
                break;
        }
    }

    // Step-up: with the p-values ranked ascending, the adjusted value of rank i is min over j >= i of p_(j) m / j,
    // capped at 1, which makes the adjusted values monotone in the raw ones (as statsmodels' fdr_bh).
    private static void BenjaminiHochberg(ReadOnlySpan<double> pValues, Span<double> adjusted)
    {
        int m = pValues.Length;
        int[] order = new int[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }

        double[] keys = pValues.ToArray();
        Array.Sort(keys, order);
        double running = 1;
        for (int rank = m; rank >= 1; rank--)
        {
            int index = order[rank - 1];
            running = Math.Min(running, pValues[index] * m / rank);
            adjusted[index] = running;
        }
    }
}
