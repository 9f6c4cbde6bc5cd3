using System.Collections.Immutable;

namespace Ml.Sdk.Serving;

/// <summary>
/// Which versions of a registered model are loaded, and which one answers by default: the version an alias points to,
/// the latest N ready versions, or a fixed list. When the policy's answer changes (an alias moves, a version is
/// registered), the new version is loaded and warmed up first and traffic switches atomically.
/// </summary>
public sealed class VersionPolicy
{
    private VersionPolicy(VersionPolicyKind kind, string? alias, int count, ImmutableArray<int> versions)
    {
        Kind = kind;
        AliasName = alias;
        Count = count;
        Versions = versions;
    }

    /// <summary>Gets the policy's kind.</summary>
    public VersionPolicyKind Kind { get; }

    /// <summary>Gets the alias, for <see cref="VersionPolicyKind.Alias"/>.</summary>
    public string? AliasName { get; }

    /// <summary>Gets how many of the latest versions are loaded, for <see cref="VersionPolicyKind.Latest"/>.</summary>
    public int Count { get; }

    /// <summary>Gets the versions, for <see cref="VersionPolicyKind.Specific"/>.</summary>
    public ImmutableArray<int> Versions { get; }

    /// <summary>Serves the version an alias points to (e.g. <c>champion</c>), following it when it moves.</summary>
    /// <param name="alias">The alias.</param>
    /// <returns>The policy.</returns>
    public static VersionPolicy Alias(string alias)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);
        return new VersionPolicy(VersionPolicyKind.Alias, alias, 1, []);
    }

    /// <summary>Loads the latest <paramref name="count"/> ready versions; the highest answers by default.</summary>
    /// <param name="count">How many versions to keep loaded (1 or more).</param>
    /// <returns>The policy.</returns>
    public static VersionPolicy Latest(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new VersionPolicy(VersionPolicyKind.Latest, null, count, []);
    }

    /// <summary>Loads exactly these versions; the highest answers by default.</summary>
    /// <param name="versions">The versions (1 or more, each from 1).</param>
    /// <returns>The policy.</returns>
    public static VersionPolicy Specific(params int[] versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Length == 0 || versions.Any(static v => v < 1))
        {
            throw new ArgumentException("A specific-versions policy needs one or more versions, each from 1.", nameof(versions));
        }

        return new VersionPolicy(VersionPolicyKind.Specific, null, versions.Length, [.. versions.Distinct().Order()]);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        VersionPolicyKind.Alias => $"alias '{AliasName}'",
        VersionPolicyKind.Latest => $"latest {Count}",
        _ => $"versions {string.Join(", ", Versions)}",
    };
}
