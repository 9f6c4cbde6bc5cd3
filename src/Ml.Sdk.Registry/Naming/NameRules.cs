using System.Runtime.CompilerServices;

namespace Ml.Sdk.Registry.Naming;

/// <summary>
/// The names the registry accepts. Names become folder and file names and URL segments, so the rules are strict:
/// 1 to 128 characters from <c>A–Z a–z 0–9 . _ -</c>, starting with a letter or digit, and no <c>..</c> — which
/// rules out path separators, parent references, control characters, <c>@</c> and <c>/</c> (used by references
/// such as <c>fraud@champion</c> and <c>fraud/3</c>), and anything that could escape the artifact root.
/// </summary>
public static class NameRules
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>The longest tag or param value accepted.</summary>
    public const int MaxValueLength = 8000;

    /// <summary>Throws unless <paramref name="name"/> is a valid name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="kind">What the name names, for the message (e.g. "model name").</param>
    /// <param name="paramName">The parameter that held it.</param>
    /// <exception cref="InvalidNameException">The name breaks a rule; the message says which and shows the name.</exception>
    public static void Validate(string? name, string kind, [CallerArgumentExpression(nameof(name))] string? paramName = null)
    {
        string? problem = FindProblem(name);
        if (problem is not null)
        {
            throw new InvalidNameException($"Invalid {kind} {Quote(name)}: {problem}.", paramName);
        }
    }

    /// <summary>Returns whether <paramref name="name"/> is a valid name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(string? name) => FindProblem(name) is null;

    /// <summary>Throws unless <paramref name="value"/> is an acceptable tag or param value.</summary>
    /// <param name="value">The value.</param>
    /// <param name="kind">What it is, for the message.</param>
    /// <param name="paramName">The parameter that held it.</param>
    /// <exception cref="InvalidNameException">The value is null, too long or holds control characters other than tab and newline.</exception>
    public static void ValidateValue(string? value, string kind, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is null)
        {
            throw new InvalidNameException($"Invalid {kind}: it is null.", paramName);
        }

        if (value.Length > MaxValueLength)
        {
            throw new InvalidNameException($"Invalid {kind}: {value.Length} characters, more than {MaxValueLength}.", paramName);
        }

        foreach (char c in value)
        {
            if (char.IsControl(c) && c is not '\t' and not '\n' and not '\r')
            {
                throw new InvalidNameException($"Invalid {kind}: it holds control character U+{(int)c:X4}.", paramName);
            }
        }
    }

    private static string? FindProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"it has {name.Length} characters, more than {MaxLength}";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return "it must start with a letter or digit";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "it contains '..'";
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '.' and not '_' and not '-')
            {
                return char.IsControl(c)
                    ? $"it contains control character U+{(int)c:X4}"
                    : $"it contains '{c}'; only letters, digits, '.', '_' and '-' are allowed";
            }
        }

        return null;
    }

    private static string Quote(string? name) =>
        name is null ? "(null)" : "'" + string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString())) + "'";
}
