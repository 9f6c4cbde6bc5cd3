using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Ml.Sdk.Registry.Models.Internal;

namespace Ml.Sdk.Registry.Tests.Models;

public class ReferenceRoundTripProperties
{
    // Any string becomes a valid name: allowed characters only, a letter first, no "..", at most 128 characters.
    private static string ToValidName(string raw)
    {
        var name = new StringBuilder("m");
        foreach (char c in raw)
        {
            if ((char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && !(c == '.' && name[^1] == '.'))
            {
                name.Append(c);
            }
        }

        return name.ToString(0, Math.Min(name.Length, 128)).TrimEnd('.') is { Length: > 0 } trimmed ? trimmed : "m";
    }

    [Property(MaxTest = 300)]
    public bool Parse_FormattedVersionReference_ReturnsEqualReference(NonEmptyString raw, PositiveInt version)
    {
        ModelReference reference = ModelReference.ForVersion(ToValidName(raw.Get), version.Get);

        return ModelReference.Parse(reference.ToString()) == reference;
    }

    [Property(MaxTest = 300)]
    public bool Parse_FormattedAliasReference_ReturnsEqualReference(NonEmptyString rawName, NonEmptyString rawAlias)
    {
        string alias = "a" + ToValidName(rawAlias.Get)[1..];
        ModelReference reference = ModelReference.ForAlias(ToValidName(rawName.Get), alias.Length > 128 ? alias[..128] : alias);

        return ModelReference.Parse(reference.ToString()) == reference;
    }

    [Property(MaxTest = 300)]
    public bool Decode_EncodedPageToken_ReturnsTheSameKey(NonEmptyString raw, NonNegativeInt version)
    {
        string name = ToValidName(raw.Get);

        return PageToken.Decode(PageToken.Encode(name, version.Get)) == (name, version.Get);
    }
}
