namespace Ml.Sdk.Core.Tests.Kernels.Reference;

/// <summary>Two-pass double statistics over the non-NaN values: the oracle for tests and the benchmark baseline.</summary>
public static class ScalarMoments
{
    public static (long Count, long NaNCount, double Mean, double Variance, double SampleVariance, float Min, float Max)
        Compute(ReadOnlySpan<float> values)
    {
        long count = 0;
        long nanCount = 0;
        double sum = 0;
        float min = float.NaN;
        float max = float.NaN;
        foreach (float x in values)
        {
            if (float.IsNaN(x))
            {
                nanCount++;
                continue;
            }

            if (count == 0 || x < min)
            {
                min = x;
            }

            if (count == 0 || x > max)
            {
                max = x;
            }

            count++;
            sum += x;
        }

        double mean = count == 0 ? double.NaN : sum / count;
        double squares = 0;
        foreach (float x in values)
        {
            if (!float.IsNaN(x))
            {
                double d = x - mean;
                squares += d * d;
            }
        }

        double variance = count == 0 ? double.NaN : squares / count;
        double sampleVariance = count < 2 ? double.NaN : squares / (count - 1);
        return (count, nanCount, mean, variance, sampleVariance, min, max);
    }
}
