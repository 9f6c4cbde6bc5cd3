using System.Text.RegularExpressions;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>The checks every definition passes before a catalog takes it; each failure names the definition.</summary>
internal static partial class DefinitionRules
{
    private const int MaxNameLength = 128;

    /// <summary>
    /// Names become SQL identifiers and Redis key parts, so they are restricted: a letter or underscore, then letters,
    /// digits or underscores.
    /// </summary>
    public static void CheckName(string? name, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            throw new FeatureDefinitionException(
                $"The {what} name '{name}' is invalid: use a letter or underscore, then letters, digits or underscores (at most {MaxNameLength}).");
        }
    }

    public static void CheckEntity(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        CheckName(entity.Name, "entity");
        if (entity.JoinKeys.Count == 0)
        {
            throw new FeatureDefinitionException($"Entity '{entity.Name}' has no join key.");
        }

        CheckFields(entity.JoinKeys, $"entity '{entity.Name}'", "join key");
    }

    public static void CheckView(FeatureView view, IReadOnlyList<Field> joinKeys)
    {
        string where = $"feature view '{view.Name}'";
        if (view.Features.Count == 0)
        {
            throw new FeatureDefinitionException($"The {where} has no feature.");
        }

        CheckFields(view.Features, where, "feature");
        if (view.Ttl is { } ttl && ttl < TimeSpan.Zero)
        {
            throw new FeatureDefinitionException($"The {where} has a negative TTL ({ttl}); use null or zero for unbounded.");
        }

        FeatureSource source = view.Source ?? throw new FeatureDefinitionException($"The {where} has no source.");
        if (source.Kind != FeatureSourceKind.Ingested && string.IsNullOrWhiteSpace(source.Path))
        {
            throw new FeatureDefinitionException($"The {where} has a {source.Kind} source without a path.");
        }

        CheckName(source.EventTimestampColumn, $"event timestamp column of {where}");
        if (source.CreatedTimestampColumn is { } created)
        {
            CheckName(created, $"created timestamp column of {where}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string column in joinKeys.Select(k => k.Name)
                     .Concat(view.Features.Select(f => f.Name))
                     .Append(source.EventTimestampColumn)
                     .Concat(source.CreatedTimestampColumn is { } c ? [c] : []))
        {
            if (!seen.Add(column))
            {
                throw new FeatureDefinitionException(
                    $"The {where} uses the column name '{column}' twice (join keys, features and timestamp columns must differ).");
            }
        }
    }

    public static void CheckFields(IReadOnlyList<Field> fields, string where, string what)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Field field in fields)
        {
            if (field is null)
            {
                throw new FeatureDefinitionException($"The {where} has a null {what}.");
            }

            CheckName(field.Name, $"{what} of {where}");
            if (!Enum.IsDefined(field.Type))
            {
                throw new FeatureDefinitionException($"The {what} '{field.Name}' of {where} has an unknown type {(int)field.Type}.");
            }

            if (!names.Add(field.Name))
            {
                throw new FeatureDefinitionException($"The {where} has the {what} '{field.Name}' twice.");
            }
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
