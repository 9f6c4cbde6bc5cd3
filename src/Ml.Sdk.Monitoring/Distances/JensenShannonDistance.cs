using Ml.Sdk.Monitoring.Distances.Internal;

namespace Ml.Sdk.Monitoring.Distances;

/// <summary>The Jensen–Shannon distance between two discrete distributions.</summary>
public static class JensenShannonDistance
{
    /// <summary>
    /// Computes <c>scipy.spatial.distance.jensenshannon(p, q)</c>: both vectors are first divided by their sums, then
    /// the result is <c>sqrt((KL(p‖m) + KL(q‖m)) / 2)</c> with <c>m = (p + q) / 2</c> and natural logarithms, so it
    /// lies in [0, sqrt(ln 2)]. Empty bins need no epsilon (0 ln 0 = 0).
    /// </summary>
    /// <param name="p">The first distribution (shares or counts).</param>
    /// <param name="q">The second distribution, as long as <paramref name="p"/>.</param>
    /// <returns>The distance; NaN when either vector sums to zero.</returns>
    /// <exception cref="ArgumentException">The lengths differ, the vectors are empty, or an entry is negative, NaN or infinite.</exception>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        ProbabilityGuard.Validate(p, q);
        double sumP = ProbabilityGuard.Sum(p);
        double sumQ = ProbabilityGuard.Sum(q);
        double divergence = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = p[i] / sumP;
            double qi = q[i] / sumQ;
            double mi = 0.5 * (pi + qi);
            if (pi > 0)
            {
                divergence += pi * Math.Log(pi / mi);
            }

            if (qi > 0)
            {
                divergence += qi * Math.Log(qi / mi);
            }
        }

        // Rounding can leave a tiny negative sum for identical inputs.
        return Math.Sqrt(Math.Max(divergence, 0) / 2);
    }
}
