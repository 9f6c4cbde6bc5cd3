using System.Globalization;

namespace Ml.Sdk.Monitoring.Performance.Internal;

/// <summary>Argument checks shared by the performance and fairness metrics; each failure names the offending index.</summary>
internal static class MetricInputs
{
    public static void RequireSameLength(int firstLength, string firstName, int secondLength, string secondName)
    {
        if (firstLength != secondLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{firstName} has {firstLength} value(s) but {secondName} has {secondLength}; they must have the same length."),
                secondName);
        }
    }

    public static void RequireNonEmpty(int length, string name)
    {
        if (length == 0)
        {
            throw new ArgumentException($"{name} is empty; a metric needs at least one value.", name);
        }
    }

    public static void RequireBinary(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double value = values[i];
            if (value != 0.0 && value != 1.0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name}[{i}] is {value}; binary metrics need 0 or 1."),
                    name);
            }
        }
    }

    public static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name}[{i}] is {values[i]}; metrics need finite values."),
                    name);
            }
        }
    }
}
