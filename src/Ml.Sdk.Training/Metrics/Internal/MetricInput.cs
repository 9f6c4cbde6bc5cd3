using System.Runtime.CompilerServices;

namespace Ml.Sdk.Training.Metrics.Internal;

/// <summary>
/// Argument checks shared by every metric, so that each reports bad input the same way: an
/// <see cref="ArgumentException"/> whose message names the argument and, for a bad element, its index.
/// </summary>
internal static class MetricInput
{
    /// <summary>Throws when a span is empty: sklearn's metrics are undefined (or NaN with a warning) on no samples.</summary>
    public static void NotEmpty(int length, [CallerArgumentExpression(nameof(length))] string? name = null)
    {
        if (length == 0)
        {
            string argument = Trim(name);
            throw new ArgumentException($"'{argument}' is empty; a metric needs at least one sample.", argument);
        }
    }

    /// <summary>Throws when two spans that pair sample for sample differ in length.</summary>
    public static void SameLength(int length, int otherLength,
        [CallerArgumentExpression(nameof(length))] string? name = null,
        [CallerArgumentExpression(nameof(otherLength))] string? otherName = null)
    {
        if (length != otherLength)
        {
            string argument = Trim(otherName);
            throw new ArgumentException(
                $"'{argument}' has length {otherLength} but must have the length of '{Trim(name)}', {length}.", argument);
        }
    }

    /// <summary>Throws unless a row-major n×k buffer holds exactly <paramref name="rows"/> rows of <paramref name="rowLength"/>.</summary>
    public static void RowMajor(int length, int rows, int rowLength,
        [CallerArgumentExpression(nameof(length))] string? name = null)
    {
        if ((long)rows * rowLength != length)
        {
            string argument = Trim(name);
            throw new ArgumentException(
                $"'{argument}' has length {length} but must hold {rows} rows of {rowLength} (row-major), {(long)rows * rowLength} elements.",
                argument);
        }
    }

    /// <summary>Throws when the class count is below <paramref name="minimum"/>.</summary>
    public static void ClassCount(int classCount, int minimum)
    {
        if (classCount < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"The class count must be at least {minimum}.");
        }
    }

    /// <summary>Throws at the first label outside <c>[0, classCount)</c>.</summary>
    public static void LabelsInRange(ReadOnlySpan<long> labels, int classCount,
        [CallerArgumentExpression(nameof(labels))] string? name = null)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if ((ulong)labels[i] >= (ulong)classCount)
            {
                string argument = Trim(name);
                throw new ArgumentException(
                    $"'{argument}' holds {labels[i]} at index {i}, outside the classes [0, {classCount}).", argument);
            }
        }
    }

    /// <summary>
    /// Throws at the first NaN or infinity: sklearn checks its float inputs with <c>assert_all_finite</c> and raises on
    /// either.
    /// </summary>
    public static void Finite(ReadOnlySpan<float> values, [CallerArgumentExpression(nameof(values))] string? name = null)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                string argument = Trim(name);
                throw new ArgumentException(
                    $"'{argument}' holds {values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} at index {i}; only finite values are allowed.",
                    argument);
            }
        }
    }

    // "labels.Length" reads better as "labels" in messages and as the parameter name.
    private static string Trim(string? expression)
    {
        if (string.IsNullOrEmpty(expression))
        {
            return "value";
        }

        int dot = expression.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? expression[..dot] : expression;
    }
}
