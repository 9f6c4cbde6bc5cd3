using System.Runtime.CompilerServices;

namespace Ml.Sdk.Core.Kernels.Internal;

/// <summary>Argument checks shared by every kernel, so that each kernel reports bad input the same way.</summary>
internal static class KernelGuard
{
    /// <summary>Throws when two spans that must match element for element differ in length.</summary>
    public static void SameLength(int length, int otherLength,
        [CallerArgumentExpression(nameof(length))] string? name = null,
        [CallerArgumentExpression(nameof(otherLength))] string? otherName = null)
    {
        if (length != otherLength)
        {
            throw new ArgumentException(
                $"'{Trim(otherName)}' has length {otherLength} but must have the length of '{Trim(name)}', {length}.",
                Trim(otherName));
        }
    }

    /// <summary>Throws unless <paramref name="length"/> equals <paramref name="expected"/>.</summary>
    public static void ExactLength(int length, int expected, string what,
        [CallerArgumentExpression(nameof(length))] string? name = null)
    {
        if (length != expected)
        {
            throw new ArgumentException(
                $"'{Trim(name)}' has length {length} but must have length {expected} ({what}).", Trim(name));
        }
    }

    /// <summary>Throws when a span that must hold at least one element is empty.</summary>
    public static void NotEmpty(int length, [CallerArgumentExpression(nameof(length))] string? name = null)
    {
        if (length == 0)
        {
            throw new ArgumentException($"'{Trim(name)}' is empty; this kernel needs at least one element.", Trim(name));
        }
    }

    /// <summary>
    /// Checks a row-major buffer of rows of <paramref name="rowLength"/> elements and returns the row count.
    /// </summary>
    public static int RowCount(int length, int rowLength,
        [CallerArgumentExpression(nameof(length))] string? name = null)
    {
        if (rowLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowLength), rowLength, "The row length must be positive.");
        }

        if (length % rowLength != 0)
        {
            throw new ArgumentException(
                $"'{Trim(name)}' has length {length}, which is not a whole number of rows of {rowLength} elements.",
                Trim(name));
        }

        return length / rowLength;
    }

    // "input.Length" reads better as "input" in messages.
    private static string? Trim(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        int dot = expression.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? expression[..dot] : expression;
    }
}
