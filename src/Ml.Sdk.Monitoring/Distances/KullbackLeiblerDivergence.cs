using Ml.Sdk.Monitoring.Distances.Internal;

namespace Ml.Sdk.Monitoring.Distances;

/// <summary>The Kullback–Leibler divergence of one discrete distribution from another.</summary>
public static class KullbackLeiblerDivergence
{
    /// <summary>
    /// Computes <c>scipy.stats.entropy(p, q)</c> (natural log) after replacing every entry that is exactly 0, in either
    /// vector independently, with <paramref name="epsilon"/>: both vectors are then divided by their sums, as scipy
    /// does, and the result is <c>sum(p[i] ln(p[i] / q[i]))</c>. Not symmetric.
    /// </summary>
    /// <param name="p">The reference shares.</param>
    /// <param name="q">The current shares, as long as <paramref name="p"/>.</param>
    /// <param name="epsilon">The share that replaces an empty bin, in (0, 1).</param>
    /// <returns>The divergence, at least 0.</returns>
    /// <exception cref="ArgumentException">The lengths differ, the vectors are empty, or an entry is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not in (0, 1).</exception>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double epsilon)
    {
        ProbabilityGuard.Validate(p, q);
        ProbabilityGuard.Epsilon(epsilon);
        double sumP = 0;
        double sumQ = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sumP += p[i] == 0 ? epsilon : p[i];
            sumQ += q[i] == 0 ? epsilon : q[i];
        }

        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = (p[i] == 0 ? epsilon : p[i]) / sumP;
            double qi = (q[i] == 0 ? epsilon : q[i]) / sumQ;
            sum += pi * Math.Log(pi / qi);
        }

        return Math.Max(sum, 0);
    }
}
