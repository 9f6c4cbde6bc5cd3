using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// The checks every online write and read passes before a store touches storage; each failure names the view, the row
/// or key, and the column. Backends share them so that they accept and reject exactly the same input.
/// </summary>
internal static class OnlineInputRules
{
    /// <exception cref="ArgumentException">A row is null, has the wrong number of join keys or values, a null join key, or a value of another type.</exception>
    public static void CheckRows(RegisteredFeatureView view, IReadOnlyList<OnlineFeatureRow> rows)
    {
        IReadOnlyList<Field> features = view.View.Features;
        for (int r = 0; r < rows.Count; r++)
        {
            OnlineFeatureRow row = rows[r] ?? throw new ArgumentException($"Row {r} of the write to {Describe(view)} is null.", nameof(rows));
            string where = $"Row {r} of the write to {Describe(view)}";
            CheckJoinKeys(view, row.JoinKeys, where, nameof(rows));
            if (row.Values.Count != features.Count)
            {
                throw new ArgumentException(
                    $"{where} has {row.Values.Count} feature values; the view has {features.Count} features ({string.Join(", ", features)}).",
                    nameof(rows));
            }

            for (int f = 0; f < features.Count; f++)
            {
                if (row.Values[f] is { } value)
                {
                    CheckValue(value, features[f], where, "feature", nameof(rows));
                }
            }
        }
    }

    /// <exception cref="ArgumentException">A key is null, has the wrong number of values, or a value of another type than its join key.</exception>
    public static void CheckKeys(RegisteredFeatureView view, IReadOnlyList<EntityKey> keys)
    {
        for (int k = 0; k < keys.Count; k++)
        {
            EntityKey key = keys[k] ?? throw new ArgumentException($"Key {k} of the read from {Describe(view)} is null.", nameof(keys));
            CheckJoinKeys(view, key.Values, $"Key {k} of the read from {Describe(view)}", nameof(keys));
        }
    }

    /// <summary>Whether a non-null value has the .NET type of a feature value type.</summary>
    public static bool HasType(object value, FeatureValueType type) => type switch
    {
        FeatureValueType.Int32 => value is int,
        FeatureValueType.Int64 => value is long,
        FeatureValueType.Float32 => value is float,
        FeatureValueType.Float64 => value is double,
        FeatureValueType.Bool => value is bool,
        FeatureValueType.String => value is string,
        _ => false,
    };

    private static void CheckJoinKeys(RegisteredFeatureView view, IReadOnlyList<object?> values, string where, string parameter)
    {
        IReadOnlyList<Field> joinKeys = view.JoinKeys;
        if (values.Count != joinKeys.Count)
        {
            throw new ArgumentException(
                $"{where} has {values.Count} join key values; the view's join keys are ({string.Join(", ", joinKeys)}).",
                parameter);
        }

        for (int k = 0; k < joinKeys.Count; k++)
        {
            object value = values[k] ?? throw new ArgumentException($"{where} has a null value for the join key '{joinKeys[k].Name}'.", parameter);
            CheckValue(value, joinKeys[k], where, "join key", parameter);
        }
    }

    private static void CheckValue(object value, Field field, string where, string what, string parameter)
    {
        if (!HasType(value, field.Type))
        {
            throw new ArgumentException(
                $"{where} has a {value.GetType()} for the {what} '{field.Name}', which is {field.Type} and takes a {ClrTypeOf(field.Type)}.",
                parameter);
        }

        if (value is string text && !IsWellFormedUtf16(text))
        {
            throw new ArgumentException(
                $"{where} has a string with an unpaired surrogate for the {what} '{field.Name}'; it cannot be stored as UTF-8.",
                parameter);
        }
    }

    private static Type? ClrTypeOf(FeatureValueType type) => type switch
    {
        FeatureValueType.Int32 => typeof(int),
        FeatureValueType.Int64 => typeof(long),
        FeatureValueType.Float32 => typeof(float),
        FeatureValueType.Float64 => typeof(double),
        FeatureValueType.Bool => typeof(bool),
        FeatureValueType.String => typeof(string),
        _ => null,
    };

    private static bool IsWellFormedUtf16(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(RegisteredFeatureView view) => $"feature view '{view.Name}' (v{view.Version})";
}
