using System.Globalization;
using System.Text;

namespace Ml.Sdk.Registry.Models.Internal;

/// <summary>
/// Keyset page tokens: the sort key of the last item returned, base64url-encoded so callers treat it as opaque.
/// Keyset paging stays correct while rows are inserted between pages, unlike offsets.
/// </summary>
internal static class PageToken
{
    public static string Encode(string modelName, int version = 0) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{version}/{modelName}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <exception cref="ArgumentException">The token was not made by <see cref="Encode"/>.</exception>
    public static (string ModelName, int Version) Decode(string token)
    {
        try
        {
            string base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            int slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                return (text[(slash + 1)..], version);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException($"Invalid page token '{token}': pass the NextPageToken of the previous page unchanged.", nameof(token));
    }
}
