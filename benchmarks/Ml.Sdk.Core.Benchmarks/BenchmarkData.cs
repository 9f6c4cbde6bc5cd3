namespace Ml.Sdk.Core.Benchmarks;

/// <summary>Reproducible benchmark inputs.</summary>
internal static class BenchmarkData
{
    /// <summary>Row length of the row-wise benchmarks, so N = 1024 is a single row.</summary>
    public const int RowLength = 1024;

    /// <summary>Uniform values in [-10, 10) from a fixed seed.</summary>
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
}
