namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>
/// The survival function of the one-sided Kolmogorov–Smirnov statistic D+_n (scipy's <c>smirnov</c>):
/// Pr(D+_n &gt; x) = x * sum over j = 0..floor(n(1 - x)) of C(n, j) (x + j/n)^(j - 1) (1 - x - j/n)^(n - j).
/// </summary>
/// <remarks>
/// <para>
/// Writing p = x + j/n, term j is the binomial probability Pr(Bin(n, p) = j) divided by p. For x well below 1/2
/// these terms are not concentrated near j = 0: they form a smooth bell centred near p = 1/2 whose width is about
/// n / (4 sqrt(n x^2)), so tens of thousands to a million of them matter when n is near a million, and summing
/// them one by one costs seconds.
/// </para>
/// <para>
/// Instead the sum is taken as a trapezoid rule over the integers with step h = 2^k and refined by halving h
/// (reusing every earlier sample) until two successive levels agree to <see cref="ConvergenceTolerance"/>. With
/// h = 1 the rule is the exact sum, so the refinement can always fall back to it. For a bell that is analytic
/// around the real axis and negligible at both ends of the range, the error of the step-h rule falls like
/// exp(-c / h) or faster, so each halving at least squares the relative error: once two levels agree to 1e-13
/// the finer one is off by far less than its own rounding. Sums whose ends are not negligible (small n, or
/// small n x^2) do not settle early and refine down to the exact sum.
/// </para>
/// <para>
/// Each sampled term is computed on its own, without the running binomial coefficient, by the saddle-point form
/// of the binomial probability: Stirling remainders for n, j and n - j, and the two deviance terms
/// j D(n x / j) and (n - j) D(-n x / (n - j)) with D(e) = e - log(1 + e). None of these is large, so no
/// logarithm of a huge number is ever rounded, and a term is exact to a few units of 1e-16 times its exponent
/// (at most about 745, past which the result underflows).
/// </para>
/// </remarks>
internal static class SmirnovDistribution
{
    private const int MaxComputeN = 1_000_000;
    private const double CephesMinLog = -7.451332191019412076235E2;

    /// <summary>The coarsest trapezoid level has at least this many samples.</summary>
    private const long MinimumSamples = 32;

    /// <summary>Relative agreement of two successive levels at which the finer one is accepted.</summary>
    private const double ConvergenceTolerance = 1e-13;

    /// <summary>Below this argument the Stirling remainder comes from log-gamma rather than its series.</summary>
    private const int StirlingSeriesStart = 10;

    private static readonly double s_halfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double[] s_smallStirlingCorrections = CreateSmallStirlingCorrections();

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

        // The last j with x + j/n < 1; when n x is an integer the j with x + j/n = 1 exactly is left out as well.
        long lastTerm = n - nxFloor - 1;
        if (alpha == 0)
        {
            lastTerm -= 1;
        }

        TermEvaluator terms = new(n, x, nxHi, nxLo);
        double sum = SumTerms(in terms, lastTerm);

        // The terms were scaled by exp(shift) to keep the peak near 1; undo it in two halves so that only the final
        // product can enter the subnormal range.
        double halfScale = Math.Exp(-0.5 * terms.Shift);
        return Clip(x * sum * halfScale * halfScale);
    }

    /// <summary>The sum of the terms j = 0..lastTerm by trapezoid rules on the integers, halving the step until stable.</summary>
    private static double SumTerms(in TermEvaluator terms, long lastTerm)
    {
        long step = 1;
        while (lastTerm / (2 * step) >= MinimumSamples)
        {
            step *= 2;
        }

        double level = step * SumGrid(in terms, 0, step, lastTerm);
        while (step > 1)
        {
            long half = step / 2;

            // The new samples are the odd multiples of half; the level so far already holds the even ones.
            double refined = (0.5 * level) + (half * SumGrid(in terms, half, step, lastTerm));
            bool converged = Math.Abs(refined - level) <= ConvergenceTolerance * refined;
            level = refined;
            step = half;
            if (converged)
            {
                break;
            }
        }

        return level;
    }

    private static double SumGrid(in TermEvaluator terms, long first, long stride, long last)
    {
        // Neumaier summation: at step 1 this is up to a million positive terms.
        double sum = 0;
        double compensation = 0;
        for (long j = first; j <= last; j += stride)
        {
            double value = terms.Term(j);
            double next = sum + value;
            compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - next) + value : (value - next) + sum;
            sum = next;
        }

        return sum + compensation;
    }

    /// <summary>lgamma(k + 1) - [(k + 1/2) ln k - k + ln(2 pi)/2] for k &gt;= 1 (Loader's stirlerr).</summary>
    private static double StirlingRemainder(long k)
    {
        // For k >= 10 this equals the log-gamma Stirling remainder at k (lgamma(k + 1) = lgamma(k) + ln k).
        return k >= StirlingSeriesStart
            ? SpecialFunctions.StirlingCorrection(k)
            : s_smallStirlingCorrections[k];
    }

    private static double[] CreateSmallStirlingCorrections()
    {
        // Values below 10 lose a few units of 1e-16 to cancellation, an absolute error that is harmless in an exponent.
        double[] table = new double[StirlingSeriesStart];
        for (int k = 1; k < StirlingSeriesStart; k++)
        {
            table[k] = SpecialFunctions.LogGamma(k + 1) - ((k + 0.5) * Math.Log(k)) + k - s_halfLogTwoPi;
        }

        return table;
    }

    /// <summary>D(e) = e - ln(1 + e) for e = hi + lo, e &gt; -1, with lo a rounding error of hi.</summary>
    private static double Deviance(double hi, double lo)
    {
        // D'(e) = e / (1 + e) carries the low part; the series branch avoids the cancellation of e - ln(1 + e).
        double value = Math.Abs(hi) <= 0.25
            ? -SpecialFunctions.Log1PMinusX(hi)
            : hi - SpecialFunctions.Log1P(hi);
        return value + (lo * hi / (1 + hi));
    }

    private static double Clip(double p) => p < 0 ? 0 : p > 1 ? 1 : p;

    /// <summary>Term j of the sum, C(n, j) p^(j - 1) (1 - p)^(n - j) with p = x + j/n, times exp(shift).</summary>
    private readonly struct TermEvaluator
    {
        private readonly double _n;
        private readonly double _x;
        private readonly double _nxHi;
        private readonly double _nxLo;
        private readonly double _logScale;

        public TermEvaluator(int n, double x, double nxHi, double nxLo)
        {
            _n = n;
            _x = x;
            _nxHi = nxHi;
            _nxLo = nxLo;

            // The largest terms are near exp(-2 n x^2); scaling them to about 1 keeps them clear of underflow.
            Shift = 2 * nxHi * x;
            _logScale = StirlingRemainder(n) + Shift;
        }

        /// <summary>The exponent added to every term; the sum must be multiplied by exp(-Shift).</summary>
        public double Shift { get; }

        /// <summary>D(-delta) for delta = n x / (n - j), which reaches to within one rounding of 1 at the last term.</summary>
        private double LowerDeviance(double lower, double delta, double deltaLo)
        {
            if (delta <= 0.5)
            {
                return Deviance(-delta, -deltaLo);
            }

            // 1 - delta = n (1 - p) / (n - j): forming n (1 - p) = (n - j) - n x directly keeps its relative accuracy
            // when it is a tiny fraction (lower - nxHi is exact for delta >= 1/2), where 1 - delta would be all
            // rounding error; below 1/2 the log1p form above is the more accurate one.
            double complement = (lower - _nxHi) - _nxLo;
            return -(delta + deltaLo) - Math.Log(complement / lower);
        }

        public double Term(long j)
        {
            if (j == 0)
            {
                // (1 - x)^n / x: x is exact, so n log1p(-x) is off by about n x ulps of 1, far below 1e-13.
                return Math.Exp((_n * SpecialFunctions.Log1P(-_x)) + Shift) / _x;
            }

            double upper = j;
            double lower = _n - j;

            // n p = j + n x and n (1 - p) = (n - j) - n x, so the two deviances are j D(nx / j) and
            // (n - j) D(-nx / (n - j)); each ratio is formed with its rounding error to keep D's relative accuracy.
            double epsilon = _nxHi / upper;
            double epsilonLo = (Math.FusedMultiplyAdd(-epsilon, upper, _nxHi) + _nxLo) / upper;
            double delta = _nxHi / lower;
            double deltaLo = (Math.FusedMultiplyAdd(-delta, lower, _nxHi) + _nxLo) / lower;
            double deviance = (upper * Deviance(epsilon, epsilonLo)) + (lower * LowerDeviance(lower, delta, deltaLo));

            double exponent = _logScale - StirlingRemainder(j) - StirlingRemainder((long)lower) - deviance;

            // Binomial saddle-point prefactor sqrt(n / (2 pi j (n - j))), and the division by p = (j + n x) / n.
            double prefactor = Math.Sqrt(_n / (2 * Math.PI * upper * lower)) * _n / (upper + _nxHi);
            return Math.Exp(exponent) * prefactor;
        }
    }
}
