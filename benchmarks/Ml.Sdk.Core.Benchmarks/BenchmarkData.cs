namespace Ml.Sdk.Core.Benchmarks;

/// <summary>Reproducible benchmark inputs from fixed seeds.</summary>
internal static class BenchmarkData
{
    /// <summary>Row length of the row-wise benchmarks, so N = 1024 is a single row.</summary>
    public const int RowLength = 1024;

    /// <summary>Uniform values in [-10, 10) from a fixed seed (logits for the row-wise kernels).</summary>
    public static float[] Uniform(int length, int seed = 20240611)
    {
        var random = new Random(seed);
        float[] values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 20) - 10);
        }

        return values;
    }

    /// <summary>Roughly normal values, like a monitored feature column.</summary>
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
