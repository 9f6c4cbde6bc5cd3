using System.Buffers;

namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>The exact null distribution of the Mann–Whitney U statistic without ties.</summary>
internal static class MannWhitneyExactDistribution
{
    /// <summary>Pr(U &gt;= u) for sample sizes <paramref name="small"/> &lt;= <paramref name="large"/>.</summary>
    public static double UpperTail(int small, long large, long u)
    {
        // By symmetry Pr(U >= u) = Pr(U <= mn - u); counts of U = k are the coefficients of [m + n choose m]_q.
        long limit = (small * large) - u;
        if (limit < 0)
        {
            return 0;
        }

        double[] rented = ArrayPool<double>.Shared.Rent((int)(limit + 1));
        try
        {
            Span<double> counts = rented.AsSpan(0, (int)(limit + 1));
            counts.Clear();
            counts[0] = 1;
            double total = 1;
            for (int i = 1; i <= small; i++)
            {
                // Multiply by (1 - q^(n + i)), then divide by (1 - q^i); coefficients stay integers, exact below 2^53.
                long shift = large + i;
                for (long k = limit; k >= shift; k--)
                {
                    counts[(int)k] -= counts[(int)(k - shift)];
                }

                for (int k = i; k <= limit; k++)
                {
                    counts[k] += counts[k - i];
                }

                total = total * (large + i) / i;
            }

            double sum = 0;
            foreach (double count in counts)
            {
                sum += count;
            }

            return sum / total;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
