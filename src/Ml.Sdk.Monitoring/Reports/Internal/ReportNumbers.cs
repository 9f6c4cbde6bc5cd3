using System.Globalization;

namespace Ml.Sdk.Monitoring.Reports.Internal;

/// <summary>Formats the report's numbers in the invariant culture, with symbols instead of "NaN" and "Infinity".</summary>
internal static class ReportNumbers
{
    /// <summary>What the report prints for a value that does not exist (an untested column's score, a NaN).</summary>
    public const char Missing = '—';

    private static readonly string s_missing = Missing.ToString();

    public static string Number(double value, string format = "G4")
    {
        if (double.IsNaN(value))
        {
            return s_missing;
        }

        if (double.IsPositiveInfinity(value))
        {
            return "∞";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "−∞";
        }

        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Percent(double share) =>
        double.IsFinite(share) ? (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : Number(share);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
