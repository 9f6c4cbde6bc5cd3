namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>
/// The exact null distribution of the two-sample Kolmogorov–Smirnov statistic, as scipy's
/// <c>_attempt_exact_2kssamp</c> computes it for the two-sided alternative: the alternating series for equal sizes
/// and the inside-method lattice-path recursion (Hodges 1958, with Viehmann's 1 - p recursion) otherwise.
/// </summary>
internal static class TwoSampleKolmogorovSmirnovExact
{
    /// <summary>
    /// Rounds D to the lattice h / lcm(n1, n2) and computes Pr(D &gt;= h / lcm) exactly; false when the computation
    /// does not give a probability (scipy then falls back to the asymptotic distribution).
    /// </summary>
    public static bool TryCompute(int n1, int n2, double d, out double latticeD, out double probability)
    {
        long g = GreatestCommonDivisor(n1, n2);
        long lcm = (n1 / g) * n2;
        long h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        latticeD = h * 1.0 / lcm;
        if (h == 0)
        {
            probability = 1.0;
            return true;
        }

        probability = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : OuterProbabilityInsideMethod(n1, n2, g, h);
        return probability is >= 0 and <= 1;
    }

    /// <summary>Greatest common divisor by Euclid's algorithm.</summary>
    public static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    /// <summary>Pr(D_{n,n} &gt;= h/n) by the alternating binomial series in Horner form.</summary>
    internal static double ProbabilityOutsideSquare(long n, long h)
    {
        // 2 * (A0 (1 - A1 (1 - A2 (...)))), each A_k a ratio of h simple factors, so nothing cancels catastrophically.
        double p = 0.0;
        long k = n / h;
        while (k >= 0)
        {
            double p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - (k * h) - j) * p1 / (n + (k * h) + j + 1);
            }

            p = p1 * (1.0 - p);
            k--;
        }

        return 2 * p;
    }

    /// <summary>The proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| &lt; h/lcm.</summary>
    internal static double OuterProbabilityInsideMethod(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g;
        long ng = n / g;

        long minJ = 0;
        long maxJ = Math.Min(CeilingDivide(h, mg), n + 1);
        long currentLength = maxJ - minJ;
        long bufferLength = Math.Min((2 * maxJ) + 2, n + 1);
        double[] buffer = System.Buffers.ArrayPool<double>.Shared.Rent((int)bufferLength);
        try
        {
            Span<double> a = buffer.AsSpan(0, (int)bufferLength);
            a.Fill(1.0);
            a.Slice((int)minJ, (int)(maxJ - minJ)).Clear();
            for (long i = 1; i <= m; i++)
            {
                long lastMinJ = minJ;
                long lastLength = currentLength;
                minJ = Math.Max(FloorDivide((ng * i) - h, mg) + 1, 0);
                minJ = Math.Min(minJ, n);
                maxJ = Math.Min(CeilingDivide((ng * i) + h, mg), n + 1);
                if (maxJ <= minJ)
                {
                    return 1.0;
                }

                // Each entry is the complement probability, a convex mix of the left and lower neighbours.
                double value = minJ == 0 ? 0.0 : 1.0;
                long shift = minJ - lastMinJ;
                for (long jj = 0; jj < maxJ - minJ; jj++)
                {
                    long j = jj + minJ;
                    value = ((a[(int)(jj + shift)] * i) + (value * j)) / (i + j);
                    a[(int)jj] = value;
                }

                currentLength = maxJ - minJ;
                if (lastLength > currentLength)
                {
                    long start = maxJ - minJ;
                    long end = Math.Min(start + (lastLength - currentLength), bufferLength);
                    a.Slice((int)start, (int)(end - start)).Fill(1.0);
                }
            }

            return a[(int)(maxJ - minJ - 1)];
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static long FloorDivide(long a, long b)
    {
        long quotient = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
    }

    private static long CeilingDivide(long a, long b) => -FloorDivide(-a, b);
}
