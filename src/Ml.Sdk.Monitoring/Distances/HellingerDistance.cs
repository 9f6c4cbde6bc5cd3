using Ml.Sdk.Monitoring.Distances.Internal;

namespace Ml.Sdk.Monitoring.Distances;

/// <summary>The Hellinger distance between two discrete distributions.</summary>
public static class HellingerDistance
{
    /// <summary>
    /// Computes <c>sqrt(sum((sqrt(p[i]) - sqrt(q[i]))²)) / sqrt(2)</c> on the vectors as given (no renormalization), as
    /// Evidently's <c>hellinger</c> does; for shares that sum to 1 it lies in [0, 1].
    /// </summary>
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
            double difference = Math.Sqrt(p[i]) - Math.Sqrt(q[i]);
            sum += difference * difference;
        }

        return Math.Sqrt(sum) / Math.Sqrt(2);
    }
}
