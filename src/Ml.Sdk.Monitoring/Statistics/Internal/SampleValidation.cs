using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace Ml.Sdk.Monitoring.Statistics.Internal;

/// <summary>Argument checks shared by the two-sample tests, and the pooled sorted copy that the unsorted entry points use.</summary>
internal static class SampleValidation
{
    /// <summary>Throws when <paramref name="values"/> is empty.</summary>
    public static void ThrowIfEmpty(ReadOnlySpan<float> values, string parameterName)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("The sample must hold at least one value.", parameterName);
        }
    }

    /// <summary>Throws when <paramref name="values"/> is empty or holds a NaN, naming the first NaN's index.</summary>
    public static void ThrowIfEmptyOrNaN(ReadOnlySpan<float> values, string parameterName)
    {
        ThrowIfEmpty(values, parameterName);
        int index = IndexOfNaN(values);
        if (index >= 0)
        {
            ThrowNaN(parameterName, index);
        }
    }

    /// <summary>Throws the NaN exception for <paramref name="index"/>.</summary>
    public static void ThrowNaN(string parameterName, int index)
    {
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"The sample holds NaN at index {index}; drop or impute missing values first."),
            parameterName);
    }

    /// <summary>The index of the first NaN, or -1.</summary>
    public static int IndexOfNaN(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Validates <paramref name="values"/> and returns a pooled array whose first <c>values.Length</c> entries are
    /// the values sorted ascending; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.
    /// </summary>
    public static float[] RentSortedCopy(ReadOnlySpan<float> values, string parameterName)
    {
        ThrowIfEmptyOrNaN(values, parameterName);
        float[] copy = ArrayPool<float>.Shared.Rent(values.Length);
        Span<float> span = copy.AsSpan(0, values.Length);
        values.CopyTo(span);
        span.Sort();
        return copy;
    }

    /// <summary>Debug-only check of the sorted entry points' precondition.</summary>
    [Conditional("DEBUG")]
    public static void AssertSortedWithoutNaN(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            Debug.Assert(!float.IsNaN(values[i]), "Sorted input must not hold NaN.");
            Debug.Assert(i == 0 || values[i - 1] <= values[i], "Sorted input must be ascending.");
        }
    }
}
