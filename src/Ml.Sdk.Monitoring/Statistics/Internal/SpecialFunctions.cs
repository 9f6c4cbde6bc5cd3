namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>
/// Log-gamma, the regularized incomplete gamma and beta functions and the distribution tails built on them
/// (normal, Student t, chi-square), accurate to about 1e-13 relative in the ranges the tests use.
/// </summary>
/// <remarks>
/// The exponent prefactors of the incomplete functions are formed so that large shape parameters do not cancel
/// (Stirling form with a log1p), which is what keeps Student-t tails right for two million degrees of freedom.
/// </remarks>
internal static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double TinyFloat = 1e-300;
    private const int MaxIterations = 1_000_000;
    private static readonly double s_halfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>log(1 + x), accurate for small x (the classic correction of the rounded argument).</summary>
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>log(1 + t) - t without cancellation for small t.</summary>
    public static double Log1PMinusX(double t)
    {
        if (Math.Abs(t) > 0.25)
        {
            return Log1P(t) - t;
        }

        // -t^2/2 + t^3/3 - ...: terms alternate in sign only for t > 0 and shrink by at least 4x per step.
        double power = t * t;
        double sum = 0;
        for (int k = 2; k < 200; k++)
        {
            double term = power / k;
            sum += (k % 2 == 0) ? -term : term;
            if (Math.Abs(term) <= Epsilon * Math.Abs(sum))
            {
                break;
            }

            power *= t;
        }

        return sum;
    }

    /// <summary>The Stirling remainder lgamma(x) - [(x - 1/2) ln x - x + ln(2 pi)/2], for x &gt;= 10.</summary>
    public static double StirlingCorrection(double x)
    {
        double r = 1.0 / x;
        double r2 = r * r;
        double series = 1.0 / 156;
        series = (series * r2) - (691.0 / 360360);
        series = (series * r2) + (1.0 / 1188);
        series = (series * r2) - (1.0 / 1680);
        series = (series * r2) + (1.0 / 1260);
        series = (series * r2) - (1.0 / 360);
        series = (series * r2) + (1.0 / 12);
        return r * series;
    }

    /// <summary>The natural log of the gamma function for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (double.IsNaN(x) || x <= 0)
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (x >= 10)
        {
            return ((x - 0.5) * Math.Log(x)) - x + s_halfLogTwoPi + StirlingCorrection(x);
        }

        // Shift up with the recurrence so that the Stirling series is accurate; the product has at most ten factors.
        double product = 1;
        double shifted = x;
        while (shifted < 10)
        {
            product *= shifted;
            shifted += 1;
        }

        return ((shifted - 0.5) * Math.Log(shifted)) - shifted + s_halfLogTwoPi + StirlingCorrection(shifted) - Math.Log(product);
    }

    /// <summary>log B(a, b) without the cancellation of three large log-gammas.</summary>
    public static double LogBeta(double a, double b)
    {
        double small = Math.Min(a, b);
        double big = Math.Max(a, b);
        if (big < 10)
        {
            return LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        }

        if (small < 10)
        {
            // lgamma(big) - lgamma(big + small) in Stirling form, with the large logs combined through log1p.
            double difference = (-(big - 0.5) * Log1P(small / big)) - (small * Math.Log(big + small)) + small +
                StirlingCorrection(big) - StirlingCorrection(big + small);
            return LogGamma(small) + difference;
        }

        double sum = a + b;
        return s_halfLogTwoPi + ((a - 0.5) * Math.Log(a / sum)) + ((b - 0.5) * Math.Log(b / sum)) - (0.5 * Math.Log(sum)) +
            StirlingCorrection(a) + StirlingCorrection(b) - StirlingCorrection(sum);
    }

    /// <summary>log(x^a e^-x / Gamma(a)), the prefactor of both incomplete gamma expansions.</summary>
    private static double LogGammaPrefactor(double a, double x)
    {
        if (a < 10)
        {
            return (a * Math.Log(x)) - x - LogGamma(a);
        }

        // a ln x - x - lgamma(a) = a (log1p(t) - t) + ln(a)/2 - ln(2 pi)/2 - stirling(a), t = (x - a)/a.
        return (a * Log1PMinusX((x - a) / a)) + (0.5 * Math.Log(a)) - s_halfLogTwoPi - StirlingCorrection(a);
    }

    /// <summary>The regularized lower incomplete gamma function P(a, x).</summary>
    public static double GammaP(double a, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 1;
        }

        return x < a + 1 ? GammaSeries(a, x) : 1.0 - GammaContinuedFraction(a, x);
    }

    /// <summary>The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x).</summary>
    public static double GammaQ(double a, double x)
    {
        if (x <= 0)
        {
            return 1;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0;
        }

        return x < a + 1 ? 1.0 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    private static double GammaSeries(double a, double x)
    {
        double denominator = a;
        double term = 1.0 / a;
        double sum = term;
        for (int i = 0; i < MaxIterations; i++)
        {
            denominator += 1;
            term *= x / denominator;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                break;
            }
        }

        return sum * Math.Exp(LogGammaPrefactor(a, x));
    }

    private static double GammaContinuedFraction(double a, double x)
    {
        // Modified Lentz evaluation of the Legendre continued fraction.
        double b = x + 1 - a;
        double c = 1.0 / TinyFloat;
        double d = 1.0 / b;
        double h = d;
        for (int i = 1; i < MaxIterations; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            if (Math.Abs(d) < TinyFloat)
            {
                d = TinyFloat;
            }

            c = b + (an / c);
            if (Math.Abs(c) < TinyFloat)
            {
                c = TinyFloat;
            }

            d = 1.0 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1.0) < Epsilon)
            {
                break;
            }
        }

        return Math.Exp(LogGammaPrefactor(a, x)) * h;
    }

    /// <summary>
    /// The regularized incomplete beta function I_x(a, b), given both x and y = 1 - x so that callers can pass the
    /// complement without rounding it through 1 - x.
    /// </summary>
    public static double Beta(double a, double b, double x, double y)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (y <= 0)
        {
            return 1;
        }

        if (x > (a + 1) / (a + b + 2))
        {
            return 1.0 - BetaContinuedFraction(b, a, y, x);
        }

        return BetaContinuedFraction(a, b, x, y);
    }

    private static double BetaContinuedFraction(double a, double b, double x, double y)
    {
        double logX = x > 0.5 ? Log1P(-y) : Math.Log(x);
        double logY = y > 0.5 ? Log1P(-x) : Math.Log(y);
        double front = Math.Exp((a * logX) + (b * logY) - LogBeta(a, b)) / a;

        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - (qab * x / qap);
        if (Math.Abs(d) < TinyFloat)
        {
            d = TinyFloat;
        }

        d = 1 / d;
        double h = d;
        for (int m = 1; m < MaxIterations; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            if (Math.Abs(d) < TinyFloat)
            {
                d = TinyFloat;
            }

            c = 1 + (aa / c);
            if (Math.Abs(c) < TinyFloat)
            {
                c = TinyFloat;
            }

            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            if (Math.Abs(d) < TinyFloat)
            {
                d = TinyFloat;
            }

            c = 1 + (aa / c);
            if (Math.Abs(c) < TinyFloat)
            {
                c = TinyFloat;
            }

            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                break;
            }
        }

        return front * h;
    }

    /// <summary>The complementary error function.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        // erfc(x) = Q(1/2, x^2) for x >= 0; the reflection keeps the small tail on the accurate side.
        return x >= 0 ? GammaQ(0.5, x * x) : 2.0 - GammaQ(0.5, x * x);
    }

    /// <summary>The standard normal survival function 1 - Phi(z), accurate in the upper tail.</summary>
    public static double NormalSf(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>The standard normal distribution function Phi(z), accurate in the lower tail.</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>The chi-square survival function with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double ChiSquareSf(double x, double degreesOfFreedom)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x <= 0 ? 1.0 : GammaQ(degreesOfFreedom / 2, x / 2);
    }

    /// <summary>The Student t survival function P(T &gt; t) for real, positive degrees of freedom.</summary>
    public static double StudentTSf(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || double.IsNaN(degreesOfFreedom))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(t))
        {
            return 0;
        }

        if (double.IsNegativeInfinity(t))
        {
            return 1;
        }

        if (t == 0)
        {
            return 0.5;
        }

        // P(|T| > |t|) = I_x(df/2, 1/2), x = df/(df + t^2); y = t^2/(df + t^2) is passed exactly.
        double t2 = t * t;
        if (double.IsPositiveInfinity(t2))
        {
            return t > 0 ? 0 : 1;
        }

        double x = degreesOfFreedom / (degreesOfFreedom + t2);
        double y = t2 / (degreesOfFreedom + t2);
        double twoSided = Beta(degreesOfFreedom / 2, 0.5, x, y);
        return t > 0 ? 0.5 * twoSided : 1.0 - (0.5 * twoSided);
    }
}
