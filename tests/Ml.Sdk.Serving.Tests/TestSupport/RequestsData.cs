namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>Seeded request data and the comparison of outputs with a reference.</summary>
public static class RequestsData
{
    /// <summary>The tolerance of outputs against <c>MlpModel.Forward</c> (which sums in double).</summary>
    public const float Tolerance = 1e-5f;

    /// <summary>Returns <paramref name="rows"/> rows of <paramref name="width"/> values in [-1, 1), the same for the same seed.</summary>
    public static float[] Rows(int rows, int width, int seed)
    {
        var random = new Random(seed);
        float[] values = new float[rows * width];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2.0) - 1.0);
        }

        return values;
    }

    /// <summary>Asserts that both hold as many values and that each pair is within <see cref="Tolerance"/>.</summary>
    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!(Math.Abs(expected[i] - actual[i]) <= tolerance))
            {
                Assert.Fail($"Element {i}: expected {expected[i]} but got {actual[i]} (tolerance {tolerance}).");
            }
        }
    }
}
