namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>The fit-time checks shared by the scalers, which reject what scikit-learn rejects.</summary>
internal static class ScalerFitting
{
    /// <summary>Computes the statistics of a non-empty span and rejects all-NaN data and infinities.</summary>
    public static Moments Measure(ReadOnlySpan<float> values, string paramName)
    {
        Moments moments = Moments.Compute(values);
        if (moments.Count == 0)
        {
            throw new ArgumentException($"'{paramName}' holds only NaN; a scaler needs at least one number to fit.", paramName);
        }

        if (float.IsInfinity(moments.Min) || float.IsInfinity(moments.Max))
        {
            throw new ArgumentException($"'{paramName}' contains infinity; a scaler can only be fitted to finite values.", paramName);
        }

        return moments;
    }
}
