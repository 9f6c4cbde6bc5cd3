using System.Globalization;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Offline.Internal;

/// <summary>Identifiers, literals and types as DuckDB's SQL spells them.</summary>
internal static class DuckDbSql
{
    /// <summary>A quoted identifier; names are validated by the catalog, and quotes are doubled anyway.</summary>
    public static string Id(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>An interval literal of exact microseconds (DuckDB's timestamp precision).</summary>
    public static string Interval(TimeSpan span) =>
        "INTERVAL " + Literal((span.Ticks / 10).ToString(CultureInfo.InvariantCulture) + " microseconds");

    /// <summary>The DuckDB column type of <paramref name="type"/>.</summary>
    public static string TypeOf(FeatureValueType type) => type switch
    {
        FeatureValueType.Int32 => "INTEGER",
        FeatureValueType.Int64 => "BIGINT",
        FeatureValueType.Float32 => "FLOAT",
        FeatureValueType.Float64 => "DOUBLE",
        FeatureValueType.Bool => "BOOLEAN",
        FeatureValueType.String => "VARCHAR",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown feature value type."),
    };

    /// <summary>The feature type of a DuckDB column type, or null if none maps to it.</summary>
    public static FeatureValueType? ValueTypeOf(string duckDbType) => duckDbType switch
    {
        "INTEGER" => FeatureValueType.Int32,
        "BIGINT" => FeatureValueType.Int64,
        "FLOAT" => FeatureValueType.Float32,
        "DOUBLE" => FeatureValueType.Float64,
        "BOOLEAN" => FeatureValueType.Bool,
        "VARCHAR" => FeatureValueType.String,
        _ => null,
    };

    /// <summary>The offline table of a version of a view whose source is ingested.</summary>
    public static string TableOf(string view, int version) => Id($"fv_{view}_v{version}");
}
