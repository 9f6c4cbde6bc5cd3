using Ml.Sdk.Monitoring.Distances.Internal;

namespace Ml.Sdk.Monitoring.Distances;

/// <summary>The population stability index between two discrete distributions.</summary>
public static class PopulationStabilityIndex
{
    /// <summary>
    /// Computes <c>sum((p[i] - q[i]) ln(p[i] / q[i]))</c> after replacing every entry that is exactly 0, in either
    /// vector independently, with <paramref name="epsilon"/>; the vectors are not renormalized afterwards (as
    /// Evidently's <c>psi</c> does with its 0.0001).
    /// </summary>
    /// <param name="p">The reference shares.</param>
    /// <param name="q">The current shares, as long as <paramref name="p"/>.</param>
    /// <param name="epsilon">The share that replaces an empty bin, in (0, 1).</param>
    /// <returns>The index, at least 0 and symmetric in <paramref name="p"/> and <paramref name="q"/>.</returns>
    /// <exception cref="ArgumentException">The lengths differ, the vectors are empty, or an entry is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not in (0, 1).</exception>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double epsilon)
    {
        ProbabilityGuard.Validate(p, q);
        ProbabilityGuard.Epsilon(epsilon);
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = p[i] == 0 ? epsilon : p[i];
            double qi = q[i] == 0 ? epsilon : q[i];
            sum += (pi - qi) * Math.Log(pi / qi);
        }

        return sum;
    }
}
