namespace Ml.Sdk.Monitoring.Tests.Statistics;

/// <summary>Deterministic samples that Python builds identically (integer arithmetic, one division, one rounding to float32).</summary>
internal static class TestSamples
{
    /// <summary>float32(((i * multiplier + add) % modulus) / scale + offset) for i in 0..n-1.</summary>
    public static float[] Modular(int n, long multiplier, long modulus, double scale, double offset = 0.0, long add = 0)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (float)(((((i * multiplier) + add) % modulus) / scale) + offset);
        }

        return values;
    }
}
