namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>Strips missing values (NaN and ±∞) from numeric columns.</summary>
internal static class FiniteValues
{
    /// <summary>Copies the finite values of <paramref name="source"/> to the front of <paramref name="destination"/>; returns how many.</summary>
    public static int Compact(ReadOnlySpan<float> source, Span<float> destination)
    {
        int count = 0;
        for (int i = 0; i < source.Length; i++)
        {
            float value = source[i];
            destination[count] = value;

            // Branch-free: the slot is always written, and kept only when the value is finite.
            count += float.IsFinite(value) ? 1 : 0;
        }

        return count;
    }
}
