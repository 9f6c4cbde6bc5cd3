namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>
/// A positive number held as a mantissa in [0.5, 1) and a 64-bit binary exponent, for products whose magnitude
/// leaves the double range (binomial coefficients and powers in the Smirnov sum).
/// </summary>
internal readonly struct ScaledValue
{
    private const int MaxChunkExponent = 960;

    public ScaledValue(double value)
        : this(value, 0)
    {
    }

    private ScaledValue(double value, long exponent)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            Mantissa = value;
            Exponent = 0;
            return;
        }

        int shift = Math.ILogB(value) + 1;
        Mantissa = Math.ScaleB(value, -shift);
        Exponent = exponent + shift;
    }

    public static ScaledValue One => new(1.0);

    public double Mantissa { get; }

    public long Exponent { get; }

    public ScaledValue Multiply(ScaledValue other) => new(Mantissa * other.Mantissa, Exponent + other.Exponent);

    public double ToDouble()
    {
        long exponent = Math.Clamp(Exponent, -4000, 4000);
        return Math.ScaleB(Mantissa, (int)exponent);
    }

    /// <summary>(hi + lo)^m for hi &gt; 0, |lo| tiny against hi, m &gt;= 0, to about one ulp per 960-bit chunk.</summary>
    public static ScaledValue Power(double hi, double lo, long m)
    {
        if (m == 0)
        {
            return One;
        }

        if (hi == 0)
        {
            return new ScaledValue(0.0);
        }

        ScaledValue baseValue = new(hi);
        ScaledValue mantissaPower = PowerOfMantissa(baseValue.Mantissa, m);
        ScaledValue result = new(mantissaPower.Mantissa, mantissaPower.Exponent + (baseValue.Exponent * m));
        double ratio = lo / hi;
        double adjustment = m * ratio;
        if (Math.Abs(adjustment) > 1e-8)
        {
            adjustment += adjustment * ((m - 1) / 2.0) * ratio;
        }

        return adjustment == 0 ? result : result.Multiply(new ScaledValue(1.0 + adjustment));
    }

    private static ScaledValue PowerOfMantissa(double f, long m)
    {
        // f in [0.5, 1): split the power into chunks whose value stays above 2^-960, so Math.Pow never underflows.
        double log2F = Math.Log2(f);
        long chunk = log2F == 0 ? m : (long)Math.Floor(MaxChunkExponent / -log2F);
        if (m <= chunk)
        {
            return new ScaledValue(Math.Pow(f, m));
        }

        long quotient = m / chunk;
        long remainder = m % chunk;
        ScaledValue chunkPower = new(Math.Pow(f, chunk));
        ScaledValue repeated = PowerOfMantissa(chunkPower.Mantissa, quotient);
        repeated = new ScaledValue(repeated.Mantissa, repeated.Exponent + (chunkPower.Exponent * quotient));
        return remainder == 0 ? repeated : repeated.Multiply(new ScaledValue(Math.Pow(f, remainder)));
    }
}
