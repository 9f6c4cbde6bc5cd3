using System.Globalization;

namespace Ml.Sdk.Registry.Tracking.Internal;

/// <summary>Timestamps as the store keeps them: UTC, ISO 8601 round-trip text, which sorts as time sorts.</summary>
internal static class StoredTime
{
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
