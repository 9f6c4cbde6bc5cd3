namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>
/// The survival function of the one-sided Kolmogorov–Smirnov statistic D+_n (scipy's <c>smirnov</c>), by the
/// Smirnov/Birnbaum–Tingey sum with every term carried as a mantissa and a separate binary exponent.
/// </summary>
/// <remarks>
/// Each term C(n, v) (1 - x - v/n)^(n - v) (x + v/n)^(v - 1) spans thousands of binary orders of magnitude for large
/// n, and computing it through logarithms would cost about n ulps; instead each power is taken with
/// <see cref="Math.Pow(double, double)"/> on a base that is at most a factor 2^-960 per chunk, and the base itself
/// is corrected to first order for the rounding of x + v/n, which keeps every term to about 1e-13 relative.
/// </remarks>
internal static class SmirnovDistribution
{
    private const int MaxComputeN = 1_000_000;
    private const double CephesMinLog = -7.451332191019412076235E2;

    /// <summary>Pr(D+_n &gt; x).</summary>
    public static double Sf(int n, double x)
    {
        if (!(n > 0 && x >= 0.0 && x <= 1.0))
        {
            return double.NaN;
        }

        if (n == 1)
        {
            return 1 - x;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (x == 1.0)
        {
            return 0.0;
        }

        // n*x split exactly into an integer floor and a fractional part (FMA gives the rounding error of the product).
        double nxHi = n * x;
        double nxLo = Math.FusedMultiplyAdd(n, x, -nxHi);
        double floorHi = Math.Floor(nxHi);
        double alpha = (nxHi - floorHi) + nxLo;
        long nxFloor = (long)floorHi;
        if (alpha < 0)
        {
            nxFloor -= 1;
            alpha += 1;
        }

        if (alpha >= 1)
        {
            nxFloor += 1;
            alpha = 0;
        }

        if (nxFloor == 0 || (nxFloor == 1 && alpha == 0))
        {
            double cdf = x * Math.Pow(1 + x, n - 1);
            return Clip(1 - cdf);
        }

        if (-2 * n * x * x < CephesMinLog)
        {
            return 0;
        }

        if (nxFloor >= n - 1)
        {
            return Clip(Math.Pow(1 - x, n));
        }

        if (n > MaxComputeN)
        {
            double logP = -Math.Pow((6 * nxHi) + 1.0, 2) / 18.0 / n;
            return Clip(Math.Exp(logP));
        }

        long lastTerm = n - nxFloor - (alpha == 0 ? 0 : 1);
        if (alpha == 0)
        {
            lastTerm -= 1;
        }

        long termCount = lastTerm + 1;
        long middle = n / 2;

        // v = 0: (1 - x)^n / x, with 1 - x as an exact (hi, lo) pair.
        double oneMinusX = 1 - x;
        double oneMinusXLo = (1 - oneMinusX) - x;
        double sum = ScaledValue.Power(oneMinusX, oneMinusXLo, n).Multiply(new ScaledValue(1.0 / x)).ToDouble();
        double compensation = 0;
        ScaledValue binomial = new(n);
        for (long v = 1; v < termCount; v++)
        {
            // x + v/n = (v + n x)/n and 1 - x - v/n = (n - v - n x)/n, each as a (hi, lo) pair.
            (double upperHi, double upperLo) = TwoSum(v, nxHi);
            upperLo += nxLo;
            double s = upperHi / n;
            double sLo = (Math.FusedMultiplyAdd(-s, n, upperHi) + upperLo) / n;
            (double lowerHi, double lowerLo) = TwoSum(n - v, -nxHi);
            lowerLo -= nxLo;
            double complement = lowerHi / n;
            double complementLo = (Math.FusedMultiplyAdd(-complement, n, lowerHi) + lowerLo) / n;

            ScaledValue term = binomial
                .Multiply(ScaledValue.Power(complement, complementLo, n - v))
                .Multiply(ScaledValue.Power(s, sLo, v - 1));
            double value = term.ToDouble();
            if (value != 0 && double.IsFinite(value))
            {
                // Neumaier summation: a million positive terms would otherwise cost a few hundred ulps.
                double next = sum + value;
                compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - next) + value : (value - next) + sum;
                sum = next;
            }

            if (value != 0)
            {
                if (4 * (termCount - v) * Math.Abs(value) < double.Epsilon + (2.220446049250313e-16 * sum) && v != termCount - 1)
                {
                    break;
                }
            }
            else if (v > middle)
            {
                break;
            }

            binomial = binomial.Multiply(new ScaledValue((double)(n - v) / (v + 1)));
        }

        sum += compensation;
        return Clip(x * sum);
    }

    private static double Clip(double p) => p < 0 ? 0 : p > 1 ? 1 : p;

    private static (double Sum, double Error) TwoSum(double a, double b)
    {
        double sum = a + b;
        double bVirtual = sum - a;
        double aVirtual = sum - bVirtual;
        return (sum, (a - aVirtual) + (b - bVirtual));
    }
}
