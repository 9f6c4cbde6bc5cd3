using System.Globalization;
using System.Text.Json;
using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Materialization.Internal;

/// <summary>An entity key as text that parses back to the same typed values (a JSON array of invariant strings).</summary>
internal static class KeyText
{
    public static string Format(RegisteredFeatureView view, IReadOnlyList<object> key) =>
        JsonSerializer.Serialize(key.Select((value, i) => view.JoinKeys[i].Type switch
        {
            FeatureValueType.String => (string)value,
            FeatureValueType.Float32 => ((float)value).ToString("R", CultureInfo.InvariantCulture),
            FeatureValueType.Float64 => ((double)value).ToString("R", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        }).ToArray());

    public static IReadOnlyList<object> Parse(RegisteredFeatureView view, string text)
    {
        string[] parts = JsonSerializer.Deserialize<string[]>(text) ?? [];
        return [.. parts.Select((part, i) => view.JoinKeys[i].Type switch
        {
            FeatureValueType.Int32 => (object)int.Parse(part, CultureInfo.InvariantCulture),
            FeatureValueType.Int64 => long.Parse(part, CultureInfo.InvariantCulture),
            FeatureValueType.Float32 => float.Parse(part, CultureInfo.InvariantCulture),
            FeatureValueType.Float64 => double.Parse(part, CultureInfo.InvariantCulture),
            FeatureValueType.Bool => bool.Parse(part),
            _ => part,
        })];
    }
}
