using System.Globalization;

namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>Counts the labels of a categorical column (labels or codes) and of numeric columns treated as categorical.</summary>
internal static class CategoryCounter
{
    /// <summary>Counts each label of a categorical column; returns how many values were missing.</summary>
    public static long Count(DriftColumn column, Dictionary<string, long> counts)
    {
        if (column.Source == DriftColumnSource.Labels)
        {
            long missing = 0;
            IReadOnlyList<string?> labels = column.Labels!;
            for (int i = 0; i < labels.Count; i++)
            {
                string? label = labels[i];
                if (label is null)
                {
                    missing++;
                    continue;
                }

                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, label, out _)++;
            }

            return missing;
        }

        var byCode = new Dictionary<float, long>();
        long missingCodes = CountValues(column.Floats.Span, byCode, finiteOnly: false);
        foreach (KeyValuePair<float, long> pair in byCode)
        {
            counts.Add(Label(pair.Key), pair.Value);
        }

        return missingCodes;
    }

    /// <summary>
    /// Counts each value; NaN (and, when <paramref name="finiteOnly"/>, ±∞) is missing. Negative zero counts as zero.
    /// Stops early and returns -1 once more than <paramref name="cap"/> distinct values were seen.
    /// </summary>
    public static long CountValues(ReadOnlySpan<float> values, Dictionary<float, long> counts, bool finiteOnly, int cap = int.MaxValue)
    {
        long missing = 0;
        foreach (float value in values)
        {
            if (finiteOnly ? !float.IsFinite(value) : float.IsNaN(value))
            {
                missing++;
                continue;
            }

            // Adding +0 turns -0 into +0, so both zeros are one category.
            ref long count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, value + 0f, out bool existed);
            count++;
            if (!existed && counts.Count > cap)
            {
                return -1;
            }
        }

        return missing;
    }

    /// <summary>Gets the label of a numeric value or code: its shortest round-trip invariant-culture text.</summary>
    public static string Label(float value) => (value + 0f).ToString(CultureInfo.InvariantCulture);
}
