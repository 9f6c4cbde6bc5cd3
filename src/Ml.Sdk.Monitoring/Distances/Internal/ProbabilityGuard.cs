using System.Globalization;

namespace Ml.Sdk.Monitoring.Distances.Internal;

/// <summary>Argument checks shared by the distances on probability vectors.</summary>
internal static class ProbabilityGuard
{
    public static void Validate(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'p' has {p.Length} elements and 'q' has {q.Length}; they must have the same length."),
                nameof(q));
        }

        if (p.IsEmpty)
        {
            throw new ArgumentException("The probability vectors are empty.", nameof(p));
        }

        Entries(p, nameof(p));
        Entries(q, nameof(q));
    }

    public static void Epsilon(double epsilon)
    {
        if (!(epsilon > 0 && epsilon < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The empty-bin epsilon must be in (0, 1).");
        }
    }

    private static void Entries(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 0) || double.IsPositiveInfinity(values[i]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{name}[{i}] is {values[i]}; probabilities must be finite and non-negative."),
                    name);
            }
        }
    }

    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum;
    }
}
