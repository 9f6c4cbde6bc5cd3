using System.Globalization;
using Xunit.Sdk;

namespace Ml.Sdk.Monitoring.Tests.Statistics;

/// <summary>Comparison with scipy's values: relative 1e-9, or absolute 1e-12 near 0, unless a test says otherwise.</summary>
internal static class ScipyAssert
{
    public static void Close(double expected, double actual, double relative = 1e-9, double absolute = 1e-12)
    {
        if (expected.Equals(actual))
        {
            return;
        }

        double tolerance = Math.Max(relative * Math.Abs(expected), absolute);
        if (!(Math.Abs(expected - actual) <= tolerance))
        {
            throw new XunitException(string.Create(
                CultureInfo.InvariantCulture,
                $"Expected {expected:R} but got {actual:R} (difference {Math.Abs(expected - actual):E3}, relative {Math.Abs(expected - actual) / Math.Abs(expected):E3}, tolerance {tolerance:E3})."));
        }
    }
}
