namespace Ml.Sdk.Core.Tests.Kernels;

/// <summary>Element-wise comparisons that are exact about NaN and infinities and tolerant about rounding.</summary>
internal static class FloatAssert
{
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double relative, double absolute)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], relative, absolute, i);
        }
    }

    public static void Close(double expected, double actual, double relative, double absolute, int index = -1)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            Assert.True(expected.Equals(actual), $"At {index}: expected {expected}, got {actual}.");
            return;
        }

        double tolerance = (relative * Math.Abs(expected)) + absolute;
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"At {index}: expected {expected:R}, got {actual:R} (tolerance {tolerance:R}).");
    }
}
