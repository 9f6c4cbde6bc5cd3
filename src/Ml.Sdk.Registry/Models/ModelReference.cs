using System.Globalization;
using Ml.Sdk.Registry.Naming;

namespace Ml.Sdk.Registry;

/// <summary>
/// A reference to one model version: <c>name/3</c> (that version), <c>name@champion</c> (the version the alias points
/// at), or <c>name</c> and <c>name@latest</c> (the highest ready version).
/// </summary>
public sealed record ModelReference
{
    /// <summary>The reserved alias that means "the highest ready version".</summary>
    public const string LatestAlias = "latest";

    private ModelReference(string name, int? version, string? alias)
    {
        Name = name;
        Version = version;
        Alias = alias;
    }

    /// <summary>Gets the registered model's name.</summary>
    public string Name { get; }

    /// <summary>Gets the version number, for a <c>name/3</c> reference.</summary>
    public int? Version { get; }

    /// <summary>Gets the alias, for a <c>name@alias</c> reference (never <c>latest</c>).</summary>
    public string? Alias { get; }

    /// <summary>Gets whether the reference means the highest ready version.</summary>
    public bool IsLatest => Version is null && Alias is null;

    /// <summary>Creates a reference to one version.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="version">The version, 1 or more.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="InvalidNameException"><paramref name="name"/> is not a valid model name.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    public static ModelReference ForVersion(string name, int version)
    {
        NameRules.Validate(name, "model name");
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return new ModelReference(name, version, null);
    }

    /// <summary>Creates a reference to the version an alias points at.</summary>
    /// <param name="name">The model name.</param>
    /// <param name="alias">The alias; <c>latest</c> means the highest ready version.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="InvalidNameException"><paramref name="name"/> or <paramref name="alias"/> is not valid.</exception>
    public static ModelReference ForAlias(string name, string alias)
    {
        NameRules.Validate(name, "model name");
        if (string.Equals(alias, LatestAlias, StringComparison.OrdinalIgnoreCase))
        {
            return new ModelReference(name, null, null);
        }

        ValidateAlias(alias);
        return new ModelReference(name, null, alias);
    }

    /// <summary>Creates a reference to the highest ready version of a model.</summary>
    /// <param name="name">The model name.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="InvalidNameException"><paramref name="name"/> is not a valid model name.</exception>
    public static ModelReference ForLatest(string name)
    {
        NameRules.Validate(name, "model name");
        return new ModelReference(name, null, null);
    }

    /// <summary>Parses <c>name</c>, <c>name@alias</c>, <c>name@latest</c> or <c>name/3</c>.</summary>
    /// <param name="text">The reference text.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidNameException">The text is not a valid reference; the message says why.</exception>
    public static ModelReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return ForAlias(text[..at], text[(at + 1)..]);
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            string versionText = text[(slash + 1)..];
            // Digits only: int.Parse would also take signs, spaces and leading '+'.
            if (versionText.Length is 0 or > 9 || !versionText.All(char.IsAsciiDigit) || int.Parse(versionText, CultureInfo.InvariantCulture) < 1)
            {
                throw new InvalidNameException($"Invalid model reference '{text}': the version after '/' must be a whole number from 1.", nameof(text));
            }

            NameRules.Validate(text[..slash], "model name", nameof(text));
            return new ModelReference(text[..slash], int.Parse(versionText, CultureInfo.InvariantCulture), null);
        }

        return ForLatest(text);
    }

    /// <summary>Parses a reference, returning <see langword="false"/> instead of throwing when it is not valid.</summary>
    /// <param name="text">The reference text.</param>
    /// <param name="reference">The reference, when valid.</param>
    /// <returns>Whether <paramref name="text"/> is a valid reference.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelReference? reference)
    {
        try
        {
            reference = text is null ? null : Parse(text);
        }
        catch (ArgumentException)
        {
            reference = null;
        }

        return reference is not null;
    }

    /// <summary>Formats the reference as <see cref="Parse"/> reads it.</summary>
    /// <returns><c>name/3</c>, <c>name@alias</c> or <c>name@latest</c>.</returns>
    public override string ToString() =>
        Version is int version ? string.Create(CultureInfo.InvariantCulture, $"{Name}/{version}")
        : $"{Name}@{Alias ?? LatestAlias}";

    /// <summary>Throws unless <paramref name="alias"/> is an alias that can be set.</summary>
    /// <exception cref="InvalidNameException">
    /// The alias breaks <see cref="NameRules"/>, is all digits (it would read as a version) or is <c>latest</c> (reserved).
    /// </exception>
    internal static void ValidateAlias(string? alias, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(alias))] string? paramName = null)
    {
        NameRules.Validate(alias, "alias", paramName);
        if (alias!.All(char.IsAsciiDigit))
        {
            throw new InvalidNameException($"Invalid alias '{alias}': an alias must not be all digits, it would read as a version number.", paramName);
        }

        if (string.Equals(alias, LatestAlias, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidNameException($"Invalid alias '{alias}': 'latest' is reserved for the highest ready version.", paramName);
        }
    }
}
