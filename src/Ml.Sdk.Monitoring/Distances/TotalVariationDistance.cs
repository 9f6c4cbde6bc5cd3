using Ml.Sdk.Monitoring.Distances.Internal;

namespace Ml.Sdk.Monitoring.Distances;

/// <summary>The total variation distance between two discrete distributions.</summary>
public static class TotalVariationDistance
{
    /// <summary>Computes <c>0.5 sum(|p[i] - q[i]|)</c> on the vectors as given; for shares that sum to 1 it lies in [0, 1].</summary>
    /// <param name="p">The first distribution's shares.</param>
    /// <param name="q">The second distribution's shares, as long as <paramref name="p"/>.</param>
    /// <returns>The distance.</returns>
    /// <exception cref="ArgumentException">The lengths differ, the vectors are empty, or an entry is negative, NaN or infinite.</exception>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        ProbabilityGuard.Validate(p, q);
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sum += Math.Abs(p[i] - q[i]);
        }

        return 0.5 * sum;
    }
}
