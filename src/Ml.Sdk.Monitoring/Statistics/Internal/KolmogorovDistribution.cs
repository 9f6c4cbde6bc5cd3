using System.Buffers;

namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>
/// The survival function of the one-sample two-sided Kolmogorov–Smirnov statistic D_n for finite n, following the
/// algorithm choice of Simard and L'Ecuyer (2011) exactly as scipy's <c>kstwo.sf</c> (<c>_kolmogn</c>) makes it:
/// Ruben–Gambino closed forms at the ends, the Durbin matrix (Marsaglia–Tsang–Wang), the Pomeranz recursion,
/// twice the one-sided Smirnov tail, and the Pelz–Good asymptotic series.
/// </summary>
internal static class KolmogorovDistribution
{
    private const int ScaleExponent = 128;
    private static readonly double s_bigScale = Math.ScaleB(1.0, ScaleExponent);
    private static readonly double s_smallScale = Math.ScaleB(1.0, -ScaleExponent);
    private static readonly double s_sqrtTwoPi = Math.Sqrt(2 * Math.PI);
    private static readonly double s_logTwoPi = Math.Log(2 * Math.PI);
    private static readonly double s_sqrt3 = Math.Sqrt(3);
    private const double PiSquared = Math.PI * Math.PI;
    private const double PiFour = PiSquared * PiSquared;
    private const double PiSix = PiFour * PiSquared;
    private const double MinLog = -708;

    private static ReadOnlySpan<double> StirlingCoefficients =>
    [
        -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
        -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
    ];

    /// <summary>Pr(D_n &gt; x).</summary>
    public static double Sf(int n, double x)
    {
        if (double.IsNaN(x) || n <= 0)
        {
            return double.NaN;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        double t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }

            double cdfRubenGambino;
            if (n <= 140)
            {
                cdfRubenGambino = 1.0;
                double inverseN = 1.0 / n;
                double factor = (2 * t) - 1;
                for (int i = 1; i <= n; i++)
                {
                    cdfRubenGambino *= i * inverseN * factor;
                }
            }
            else
            {
                cdfRubenGambino = Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1.0 - cdfRubenGambino);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovDistribution.Sf(n, x));
        }

        double nxSquared = t * x;
        if (n <= 140)
        {
            if (nxSquared <= 0.754693)
            {
                return Clip(1.0 - Clip(DurbinMatrixCdf(n, x)));
            }

            if (nxSquared <= 4)
            {
                return Clip(1.0 - Clip(PomeranzCdf(n, x)));
            }

            return Clip(2 * SmirnovDistribution.Sf(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovDistribution.Sf(n, x));
        }

        double cdf = n <= 100000 && n * Math.Pow(x, 1.5) <= 1.4 ? DurbinMatrixCdf(n, x) : PelzGoodCdf(n, x);
        return Clip(1.0 - cdf);
    }

    private static double Clip(double p) => p < 0 ? 0 : p > 1 ? 1 : p;

    private static double LogFactorialOverPower(int n)
    {
        double rn = 1.0 / n;
        double polynomial = 0;
        double argument = rn / n;
        foreach (double coefficient in StirlingCoefficients)
        {
            polynomial = (polynomial * argument) + coefficient;
        }

        return (Math.Log(n) / 2) - n + (s_logTwoPi / 2) + (rn * polynomial);
    }

    /// <summary>Pr(D_n &lt;= d) by the Durbin matrix raised to the n-th power with explicit exponent tracking.</summary>
    internal static double DurbinMatrixCdf(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        double nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        int k = (int)Math.Ceiling(nd);
        double h = k - nd;
        int m = (2 * k) - 1;
        int size = m * m;
        double[] rented = ArrayPool<double>.Shared.Rent((4 * size) + (2 * m));
        try
        {
            Span<double> all = rented.AsSpan(0, (4 * size) + (2 * m));
            Span<double> matrix = all.Slice(0, size);
            Span<double> power = all.Slice(size, size);
            Span<double> scratch = all.Slice(2 * size, size);
            Span<double> v = all.Slice(4 * size, m);
            Span<double> w = all.Slice((4 * size) + m, m);
            matrix.Clear();

            double factorial = 1.0;
            for (int j = 1; j <= m; j++)
            {
                w[j - 1] = factorial;
                factorial /= j;
                v[j - 1] = (1.0 - Math.Pow(h, j)) * factorial;
            }

            double tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
            v[m - 1] = (1.0 + tt) * factorial;

            for (int i = 1; i < m; i++)
            {
                for (int row = i - 1; row < m; row++)
                {
                    matrix[(row * m) + i] = w[row - (i - 1)];
                }
            }

            for (int row = 0; row < m; row++)
            {
                matrix[row * m] = v[row];
            }

            for (int column = 0; column < m; column++)
            {
                matrix[((m - 1) * m) + column] = v[m - 1 - column];
            }

            power.Clear();
            for (int i = 0; i < m; i++)
            {
                power[(i * m) + i] = 1.0;
            }

            int remaining = n;
            long exponent = 0;
            long matrixExponent = 0;
            while (remaining > 0)
            {
                if ((remaining & 1) != 0)
                {
                    Multiply(power, matrix, scratch, m);
                    scratch.CopyTo(power);
                    exponent += matrixExponent;
                }

                Multiply(matrix, matrix, scratch, m);
                scratch.CopyTo(matrix);
                matrixExponent *= 2;
                if (Math.Abs(matrix[((k - 1) * m) + k - 1]) > s_bigScale)
                {
                    for (int i = 0; i < size; i++)
                    {
                        matrix[i] *= s_smallScale;
                    }

                    matrixExponent += ScaleExponent;
                }

                remaining /= 2;
            }

            double p = power[((k - 1) * m) + k - 1];
            for (int i = 1; i <= n; i++)
            {
                p = i * p / n;
                if (Math.Abs(p) < s_smallScale)
                {
                    p *= s_bigScale;
                    exponent -= ScaleExponent;
                }
            }

            return exponent != 0 ? Math.ScaleB(p, (int)exponent) : p;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static void Multiply(ReadOnlySpan<double> left, ReadOnlySpan<double> right, Span<double> result, int m)
    {
        result.Slice(0, m * m).Clear();
        for (int i = 0; i < m; i++)
        {
            Span<double> resultRow = result.Slice(i * m, m);
            for (int k = 0; k < m; k++)
            {
                double a = left[(i * m) + k];
                if (a == 0)
                {
                    continue;
                }

                ReadOnlySpan<double> rightRow = right.Slice(k * m, m);
                for (int j = 0; j < m; j++)
                {
                    resultRow[j] += a * rightRow[j];
                }
            }
        }
    }

    private static (int J1, int J2) PomeranzBounds(int i, int n, int ll, int ceilF, int roundF)
    {
        int j1;
        int j2;
        if (i == 0)
        {
            j1 = -ll - ceilF - 1;
            j2 = ll + ceilF - 1;
        }
        else
        {
            int half = (i + 1) / 2;
            int parity = (i + 1) % 2;
            if (parity == 0)
            {
                if (half == n + 1)
                {
                    j1 = n - ll - ceilF - 1;
                    j2 = n + ll + ceilF - 1;
                }
                else
                {
                    j1 = half - 1 - ll - roundF - 1;
                    j2 = half + ll - 1 + ceilF - 1;
                }
            }
            else
            {
                j1 = half - 1 - ll - 1;
                j2 = half + ll + roundF - 1;
            }
        }

        return (Math.Max(j1 + 2, 0), Math.Min(j2, n));
    }

    /// <summary>Pr(D_n &lt;= x) by the Pomeranz (1974) recursion, with scipy's window bookkeeping.</summary>
    internal static double PomeranzCdf(int n, double x)
    {
        double t = n * x;
        int ll = (int)Math.Floor(t);
        double f = t - ll;
        double g = Math.Min(f, 1.0 - f);
        int ceilF = f > 0 ? 1 : 0;
        int roundF = f > 0.5 ? 1 : 0;
        int powers = 2 * (ll + 1);
        double[] rented = ArrayPool<double>.Shared.Rent(5 * powers);
        try
        {
            Span<double> all = rented.AsSpan(0, 5 * powers);
            Span<double> gPower = all.Slice(0, powers);
            Span<double> twoGPower = all.Slice(powers, powers);
            Span<double> oneMinusTwoGPower = all.Slice(2 * powers, powers);
            Span<double> rowA = all.Slice(3 * powers, powers);
            Span<double> rowB = all.Slice(4 * powers, powers);

            gPower[0] = 1.0;
            twoGPower[0] = 1.0;
            oneMinusTwoGPower[0] = 1.0;
            double gOverN = g / n;
            double twoGOverN = 2 * g / n;
            double oneMinusTwoGOverN = (1 - (2 * g)) / n;
            for (int m = 1; m < powers; m++)
            {
                gPower[m] = gPower[m - 1] * gOverN / m;
                twoGPower[m] = twoGPower[m - 1] * twoGOverN / m;
                oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / m;
            }

            rowA.Clear();
            rowB.Clear();
            Span<double> v0 = rowA;
            Span<double> v1 = rowB;
            v1[0] = 1;
            int v0Start = 0;
            int v1Start = 0;
            long exponent = 0;

            (int j1, int j2) = PomeranzBounds(0, n, ll, ceilF, roundF);
            for (int i = 1; i < (2 * n) + 2; i++)
            {
                int k1 = j1;
                Span<double> swap = v0;
                v0 = v1;
                v1 = swap;
                (v0Start, v1Start) = (v1Start, v0Start);
                v1.Clear();
                (j1, j2) = PomeranzBounds(i, n, ll, ceilF, roundF);
                ReadOnlySpan<double> weights = i == 1 || i == (2 * n) + 1 ? gPower : (i % 2 != 0 ? twoGPower : oneMinusTwoGPower);
                int length = j2 - k1 + 1;
                if (length > 0)
                {
                    int offset = k1 - v0Start;
                    int available = Math.Min(length, powers - offset);
                    int weightLength = Math.Min(length, powers);
                    int convolutionStart = j1 - k1;
                    int convolutionLength = j2 - j1 + 1;
                    double max = 0;
                    for (int target = 0; target < convolutionLength; target++)
                    {
                        int index = target + convolutionStart;
                        double sum = 0;
                        int sLow = Math.Max(0, index - (weightLength - 1));
                        int sHigh = Math.Min(available - 1, index);
                        for (int s = sLow; s <= sHigh; s++)
                        {
                            sum += v0[offset + s] * weights[index - s];
                        }

                        v1[target] = sum;
                        max = Math.Max(max, sum);
                    }

                    if (max > 0 && max < s_smallScale)
                    {
                        for (int target = 0; target < powers; target++)
                        {
                            v1[target] *= s_bigScale;
                        }

                        exponent -= ScaleExponent;
                    }

                    v1Start = v0Start + j1 - k1;
                }
            }

            double answer = v1[n - v1Start];
            for (int m = 1; m <= n; m++)
            {
                if (Math.Abs(answer) > s_bigScale)
                {
                    answer *= s_smallScale;
                    exponent += ScaleExponent;
                }

                answer *= m;
            }

            return exponent != 0 ? Math.ScaleB(answer, (int)exponent) : answer;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The Pelz–Good (1976) approximation of Pr(D_n &lt;= x).</summary>
    internal static double PelzGoodCdf(int n, double x)
    {
        if (x <= 0.0)
        {
            return 0.0;
        }

        if (x >= 1.0)
        {
            return 1.0;
        }

        double z = Math.Sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qLog = -PiSquared / 8 / z2;
        if (qLog < MinLog)
        {
            return 0.0;
        }

        double q = Math.Exp(qLog);
        double k1a = -z2;
        double k1b = PiSquared / 4;
        double k2a = (6 * z6) + (2 * z4);
        double k2b = ((2 * z4) - (5 * z2)) * PiSquared / 4;
        double k2c = PiFour * (1 - (2 * z2)) / 16;
        double k3d = PiSix * (5 - (30 * z2)) / 64;
        double k3c = PiFour * ((-60 * z2) + (212 * z4)) / 16;
        double k3b = PiSquared * ((135 * z4) - (96 * z6)) / 4;
        double k3a = (-30 * z6) - (90 * z4 * z4);

        double k0 = 0;
        double k1 = 0;
        double k2 = 0;
        double k3 = 0;
        int maxK = (int)Math.Ceiling(16 * z / Math.PI);
        for (int k = maxK; k > 0; k--)
        {
            double m = (2 * k) - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qPower = Math.Pow(q, 8 * k);
            k0 = (k0 * qPower) + 1.0;
            k1 = (k1 * qPower) + (k1a + (k1b * m2));
            k2 = (k2 * qPower) + (k2a + (k2b * m2) + (k2c * m4));
            k3 = (k3 * qPower) + (k3a + (k3b * m2) + (k3c * m4) + (k3d * m6));
        }

        double scale = q * s_sqrtTwoPi;
        k0 = k0 * scale / z;
        k1 = k1 * scale / (6 * z4);
        k2 = k2 * scale / (72 * z4 * z3);
        k3 = k3 * scale / (6480 * z6 * z4);

        double q2 = Math.Exp(-PiSquared / 2 / z2);
        double sqrt3z = s_sqrt3 * z;
        double k2Extra = 0;
        double k3Extra = 0;
        for (int k = maxK; k > 0; k--)
        {
            double kSquared = (double)k * k;
            double qPower = Math.Pow(q2, kSquared);
            double kPi = Math.PI * k;
            k2Extra += kSquared * qPower;
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * qPower;
        }

        k2 += k2Extra * (PiSquared * s_sqrtTwoPi / (-36 * z3));
        k3 += k3Extra * (PiSquared * s_sqrtTwoPi / (216 * z6));
        double sqrtN = Math.Sqrt(n);
        return k0 + (k1 / sqrtN) + (k2 / n) + (k3 / (n * sqrtN));
    }
}
