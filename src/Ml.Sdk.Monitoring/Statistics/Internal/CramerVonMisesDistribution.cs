namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>Null distributions of the Cramér–von Mises statistics: the exact two-sample one and the limiting one.</summary>
internal static class CramerVonMisesDistribution
{
    private const double SeriesTolerance = 1e-7;
    private const double BesselStep = 0.05;

    /// <summary>
    /// The limiting distribution function of the one-sample statistic (Csörgő and Faraway 1996, eq. 1.2), summed
    /// until a term falls below 1e-7 exactly as scipy's <c>_cdf_cvm_inf</c> does, so the truncation matches.
    /// </summary>
    public static double LimitingCdf(double x)
    {
        double total = 0;
        double piPower = Math.Pow(Math.PI, 1.5);
        for (int k = 0; k < 10_000; k++)
        {
            double u = Math.Exp(SpecialFunctions.LogGamma(k + 0.5) - SpecialFunctions.LogGamma(k + 1)) / (piPower * Math.Sqrt(x));
            double y = (4 * k) + 1;
            double q = y * y / (16 * x);
            double term = u * Math.Sqrt(y) * ScaledBesselKQuarter(q);
            total += term;
            if (!(Math.Abs(term) >= SeriesTolerance))
            {
                break;
            }
        }

        return total;
    }

    /// <summary>
    /// e^-q K_{1/4}(q) from K_nu(q) = integral over t &gt;= 0 of exp(-q cosh t) cosh(nu t): the integrand is entire and
    /// decays double-exponentially, so the trapezoid rule converges to machine precision with a fixed step.
    /// </summary>
    internal static double ScaledBesselKQuarter(double q)
    {
        double sum = 0.5;
        for (int i = 1; i < 100_000; i++)
        {
            double t = i * BesselStep;
            double exponent = -q * (Math.Cosh(t) - 1);
            if (exponent < -745)
            {
                break;
            }

            sum += Math.Exp(exponent) * Math.Cosh(0.25 * t);
        }

        return sum * BesselStep * Math.Exp(-2 * q);
    }

    /// <summary>
    /// Pr(U' &gt;= u) under the null for sizes m and n, by scipy's <c>_pval_cvm_2samp_exact</c> enumeration: every
    /// lattice cell keeps the sorted distinct partial sums of (a v - b u)^2 with their path counts.
    /// </summary>
    public static double ExactTwoSampleSf(double u, int m, int n)
    {
        long lcm = (long)m / TwoSampleKolmogorovSmirnovExact.GreatestCommonDivisor(m, n) * n;
        long a = lcm / m;
        long b = lcm / n;
        long mn = (long)m * n;
        double numerator = (double)(lcm * lcm * (m + n)) * ((6 * u) - (mn * ((4 * mn) - 1)));
        double zeta = PythonFloorDivide(numerator, 6.0 * mn * mn);

        var cells = new List<(long Value, long Count)>[m + 1];
        cells[0] = [(0, 1)];
        for (int v = 1; v <= m; v++)
        {
            cells[v] = [];
        }

        for (int step = 0; step <= n; step++)
        {
            var next = new List<(long Value, long Count)>[m + 1];
            List<(long Value, long Count)> running = [];
            for (int v = 0; v <= m; v++)
            {
                running = Merge(running, cells[v]);
                long delta = (a * v) - (b * step);
                long add = delta * delta;
                for (int i = 0; i < running.Count; i++)
                {
                    running[i] = (running[i].Value + add, running[i].Count);
                }

                next[v] = running;
            }

            cells = next;
        }

        double combinations = 1;
        for (int i = 1; i <= m; i++)
        {
            combinations = combinations * (n + i) / i;
        }

        long tail = 0;
        foreach ((long value, long count) in cells[m])
        {
            if (value >= zeta)
            {
                tail += count;
            }
        }

        return tail / combinations;
    }

    private static List<(long Value, long Count)> Merge(List<(long Value, long Count)> left, List<(long Value, long Count)> right)
    {
        var merged = new List<(long Value, long Count)>(left.Count + right.Count);
        int i = 0;
        int j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (j == right.Count || (i < left.Count && left[i].Value < right[j].Value))
            {
                merged.Add(left[i++]);
            }
            else if (i == left.Count || right[j].Value < left[i].Value)
            {
                merged.Add(right[j++]);
            }
            else
            {
                merged.Add((left[i].Value, left[i].Count + right[j].Count));
                i++;
                j++;
            }
        }

        return merged;
    }

    /// <summary>Python's float floor division, which is exact where floor(a / b) may round across an integer.</summary>
    private static double PythonFloorDivide(double a, double b)
    {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0))
        {
            div -= 1.0;
        }

        if (div == 0)
        {
            return 0.0 * (a / b);
        }

        double floorDiv = Math.Floor(div);
        if (div - floorDiv > 0.5)
        {
            floorDiv += 1.0;
        }

        return floorDiv;
    }
}
