namespace Ml.Sdk.Core.Benchmarks;

/// <summary>Reproducible benchmark inputs: a fixed seed, roughly normal values like a monitored feature.</summary>
internal static class BenchmarkData
{
    public static float[] NormalValues(int length, int seed = 20240601)
    {
        var random = new Random(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            // Sum of uniforms: close enough to normal, and cheap.
            values[i] = (float)(random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5);
        }

        return values;
    }
}
