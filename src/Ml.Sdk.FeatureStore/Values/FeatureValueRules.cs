using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Values;

/// <summary>The .NET type each <see cref="FeatureValueType"/> takes, and the check that a value has it.</summary>
internal static class FeatureValueRules
{
    /// <summary>The .NET type of values of <paramref name="type"/>.</summary>
    public static Type ClrType(FeatureValueType type) => type switch
    {
        FeatureValueType.Int32 => typeof(int),
        FeatureValueType.Int64 => typeof(long),
        FeatureValueType.Float32 => typeof(float),
        FeatureValueType.Float64 => typeof(double),
        FeatureValueType.Bool => typeof(bool),
        FeatureValueType.String => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown feature value type."),
    };

    /// <summary>Whether <paramref name="value"/> is null or exactly of the .NET type of <paramref name="type"/> (no conversions).</summary>
    public static bool Fits(FeatureValueType type, object? value) => value is null || value.GetType() == ClrType(type);
}
