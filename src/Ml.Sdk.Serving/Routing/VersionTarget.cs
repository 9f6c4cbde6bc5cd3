using System.Globalization;

namespace Ml.Sdk.Serving;

/// <summary>A version that routing sends traffic to: a version number, or a registry alias resolved when the model loads.</summary>
public readonly record struct VersionTarget
{
    private VersionTarget(int? version, string? alias)
    {
        Version = version;
        Alias = alias;
    }

    /// <summary>Gets the version number, when the target is one.</summary>
    public int? Version { get; }

    /// <summary>Gets the alias, when the target is one.</summary>
    public string? Alias { get; }

    /// <summary>Targets a version number.</summary>
    /// <param name="version">The version (from 1).</param>
    /// <returns>The target.</returns>
    public static VersionTarget ForVersion(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new VersionTarget(version, null);
    }

    /// <summary>Targets a registry alias (e.g. <c>challenger</c>).</summary>
    /// <param name="alias">The alias.</param>
    /// <returns>The target.</returns>
    public static VersionTarget ForAlias(string alias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        return new VersionTarget(null, alias);
    }

    /// <summary>Reads <c>3</c> as a version and anything else (optionally prefixed with <c>@</c>) as an alias.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The target.</returns>
    public static VersionTarget Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        string value = text.Trim();
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int version)
            ? ForVersion(version)
            : ForAlias(value.TrimStart('@'));
    }

    /// <summary>Converts a version number to a target.</summary>
    /// <param name="version">The version.</param>
    public static implicit operator VersionTarget(int version) => ForVersion(version);

    /// <summary>Converts an alias to a target.</summary>
    /// <param name="alias">The alias.</param>
    public static implicit operator VersionTarget(string alias) => Parse(alias);

    /// <summary>Converts a version number to a target.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The target.</returns>
    public static VersionTarget FromInt32(int version) => ForVersion(version);

    /// <summary>Converts an alias to a target.</summary>
    /// <param name="alias">The alias.</param>
    /// <returns>The target.</returns>
    public static VersionTarget FromString(string alias) => Parse(alias);

    /// <inheritdoc />
    public override string ToString() => Version is int version ? version.ToString(CultureInfo.InvariantCulture) : $"@{Alias}";
}
