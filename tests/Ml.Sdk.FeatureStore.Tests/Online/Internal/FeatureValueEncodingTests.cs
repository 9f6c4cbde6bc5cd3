using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Online;
using Ml.Sdk.FeatureStore.Online.Internal;

namespace Ml.Sdk.FeatureStore.Tests.Online.Internal;

public sealed class FeatureValueEncodingTests
{
    [Property(MaxTest = 1000)]
    public Property EncodeThenDecode_AnyValues_RoundTripBitExactly() =>
        Prop.ForAll(OnlineEncodingArbitraries.FeatureValue().ArrayOf().Where(v => v.Length > 0).ToArbitrary(), (object?[] values) =>
        {
            // Each value's own type is its feature's type; a null gets Bool, which it must decode as regardless.
            Field[] features = [.. values.Select((v, i) => new Field("f" + i, v is null ? FeatureValueType.Bool : EntityKey.TypeOf(v)!.Value))];
            byte[][] names = FeatureValueEncoding.NamesOf(features);
            object?[] decoded = new object?[values.Length];

            FeatureValueEncoding.Decode(FeatureValueEncoding.Encode(names, values), features, names, decoded);

            for (int i = 0; i < values.Length; i++)
            {
                Assert.Equal(Bits(values[i]), Bits(decoded[i]));
            }
        });

    [Fact]
    public void Decode_UnknownFormatOrTruncatedBytes_ThrowsInvalidData()
    {
        Field[] features = [new Field("s", FeatureValueType.String)];
        byte[][] names = FeatureValueEncoding.NamesOf(features);
        byte[] encoded = FeatureValueEncoding.Encode(names, ["hello"]);
        object?[] decoded = new object?[1];

        Assert.Throws<InvalidDataException>(() => FeatureValueEncoding.Decode(encoded.AsSpan(0, encoded.Length - 1), features, names, decoded));
        encoded[0] = 99;
        Assert.Throws<InvalidDataException>(() => FeatureValueEncoding.Decode(encoded, features, names, decoded));
    }

    private static string Bits(object? value) => value switch
    {
        null => "null",
        float f => "f" + BitConverter.SingleToInt32Bits(f),
        double d => "d" + BitConverter.DoubleToInt64Bits(d),
        string s => "s" + Convert.ToHexString(System.Text.Encoding.Unicode.GetBytes(s)),
        _ => value.GetType().Name + value,
    };
}
