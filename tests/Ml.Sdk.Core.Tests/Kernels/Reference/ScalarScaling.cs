namespace Ml.Sdk.Core.Tests.Kernels.Reference;

/// <summary>scikit-learn scaler semantics as plain loops: the oracle for tests and the benchmark baseline.</summary>
public static class ScalarScaling
{
    public static (double Mean, double StandardDeviation, double Scale) FitStandard(ReadOnlySpan<float> values)
    {
        var moments = ScalarMoments.Compute(values);
        if (moments.Count == 0 || float.IsInfinity(moments.Min) || float.IsInfinity(moments.Max))
        {
            throw new ArgumentException("Nothing finite to fit.", nameof(values));
        }

        double std = Math.Sqrt(moments.Variance);
        return (moments.Mean, std, std == 0 ? 1 : std);
    }

    public static void TransformStandard(ReadOnlySpan<float> source, Span<float> destination, double mean, double scale)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)((source[i] - mean) / scale);
        }
    }

    public static void InverseTransformStandard(ReadOnlySpan<float> source, Span<float> destination, double mean, double scale)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)((source[i] * scale) + mean);
        }
    }

    public static (double Min, double Max, double Scale) FitMinMax(ReadOnlySpan<float> values)
    {
        var moments = ScalarMoments.Compute(values);
        if (moments.Count == 0 || float.IsInfinity(moments.Min) || float.IsInfinity(moments.Max))
        {
            throw new ArgumentException("Nothing finite to fit.", nameof(values));
        }

        double range = (double)moments.Max - moments.Min;
        return (moments.Min, moments.Max, range == 0 ? 1 : 1 / range);
    }

    public static void TransformMinMax(ReadOnlySpan<float> source, Span<float> destination, double min, double scale)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)((source[i] - min) * scale);
        }
    }

    public static void InverseTransformMinMax(ReadOnlySpan<float> source, Span<float> destination, double min, double scale)
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)((source[i] / scale) + min);
        }
    }
}
