using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Values;

/// <summary>
/// The checks of one row's join keys and feature values against a view, shared by the offline and the online stores:
/// counts, no null join key, each value exactly of its column's .NET type, and strings that UTF-8 can hold.
/// </summary>
internal static class RowRules
{
    /// <summary>Checks join key values; <paramref name="where"/> names the row in the message.</summary>
    public static void CheckJoinKeys(RegisteredFeatureView view, IReadOnlyList<object?>? values, string where, string parameter)
    {
        IReadOnlyList<Field> joinKeys = view.JoinKeys;
        if (values is null || values.Count != joinKeys.Count)
        {
            throw new ArgumentException(
                $"{where} has {values?.Count ?? 0} join key values; the view's join keys are ({string.Join(", ", joinKeys)}).",
                parameter);
        }

        for (int k = 0; k < joinKeys.Count; k++)
        {
            object value = values[k] ?? throw new ArgumentException($"{where} has a null value for the join key '{joinKeys[k].Name}'.", parameter);
            CheckValue(value, joinKeys[k], where, "join key", parameter);
        }
    }

    /// <summary>Checks feature values (null is a missing value); <paramref name="where"/> names the row in the message.</summary>
    public static void CheckFeatureValues(RegisteredFeatureView view, IReadOnlyList<object?>? values, string where, string parameter)
    {
        IReadOnlyList<Field> features = view.View.Features;
        if (values is null || values.Count != features.Count)
        {
            throw new ArgumentException(
                $"{where} has {values?.Count ?? 0} feature values; the view has {features.Count} features ({string.Join(", ", features)}).",
                parameter);
        }

        for (int f = 0; f < features.Count; f++)
        {
            if (values[f] is { } value)
            {
                CheckValue(value, features[f], where, "feature", parameter);
            }
        }
    }

    private static void CheckValue(object value, Field field, string where, string what, string parameter)
    {
        if (!FeatureValueRules.Fits(field.Type, value))
        {
            throw new ArgumentException(
                $"{where} has a {value.GetType()} for the {what} '{field.Name}', which is {field.Type} and takes a {FeatureValueRules.ClrType(field.Type)}.",
                parameter);
        }

        if (value is string text && !IsWellFormedUtf16(text))
        {
            throw new ArgumentException(
                $"{where} has a string with an unpaired surrogate for the {what} '{field.Name}'; it cannot be stored as UTF-8.",
                parameter);
        }
    }

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
}
