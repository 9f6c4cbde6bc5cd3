using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.FeatureStore.Online;
using Ml.Sdk.FeatureStore.Online.Internal;

namespace Ml.Sdk.FeatureStore.Tests.Online.Internal;

public sealed class EntityKeyEncodingTests
{
    [Property(MaxTest = 2000)]
    public Property Encode_AnyTwoKeys_BytesAreEqualExactlyWhenTheKeysAre() =>
        Prop.ForAll(OnlineEncodingArbitraries.KeyPairs(), ((object[] First, object[] Second) pair) =>
        {
            var first = new EntityKey(pair.First);
            var second = new EntityKey(pair.Second);
            bool sameBytes = EntityKeyEncoding.Encode(pair.First).AsSpan().SequenceEqual(EntityKeyEncoding.Encode(pair.Second));

            Assert.Equal(first.Equals(second), sameBytes);
            if (first.Equals(second))
            {
                Assert.Equal(first.GetHashCode(), second.GetHashCode());
            }
        });

    [Property(MaxTest = 500)]
    public Property Encode_KeysOfDifferentLengths_NeverCollide() =>
        Prop.ForAll(OnlineEncodingArbitraries.KeyValues(), OnlineEncodingArbitraries.KeyValues(), (object[] first, object[] second) =>
        {
            object[] longer = [.. first, .. second];

            Assert.False(EntityKeyEncoding.Encode(first).AsSpan().SequenceEqual(EntityKeyEncoding.Encode(longer)));
        });

    [Fact]
    public void Encode_OneAsIntLongFloatDoubleStringAndTrue_GivesSixDifferentKeys()
    {
        object[] ones = [1, 1L, 1f, 1d, "1", true];

        string[] encodings = [.. ones.Select(v => Convert.ToHexString(EntityKeyEncoding.Encode([v])))];

        Assert.Equal(ones.Length, encodings.Distinct().Count());
    }

    [Fact]
    public void Encode_StringsThatConcatenateAlike_DoNotCollide()
    {
        byte[] split1 = EntityKeyEncoding.Encode(["a|b", "c"]);
        byte[] split2 = EntityKeyEncoding.Encode(["a", "b|c"]);
        byte[] split3 = EntityKeyEncoding.Encode(["a|b|c", ""]);

        Assert.NotEqual(split1, split2);
        Assert.NotEqual(split1, split3);
        Assert.NotEqual(split2, split3);
    }

    [Fact]
    public void EntityKey_NullOrUnsupportedValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EntityKey(1L, null!));
        Assert.Throws<ArgumentException>(() => new EntityKey(1m));
        Assert.Throws<ArgumentException>(() => new EntityKey());
    }

    [Fact]
    public void EntityKey_ValuesOfDifferentTypes_AreNotEqual()
    {
        Assert.NotEqual(new EntityKey(1), new EntityKey(1L));
        Assert.NotEqual(new EntityKey(1L), new EntityKey("1"));
        Assert.Equal(new EntityKey("a", 2), new EntityKey("a", 2));
        Assert.Equal("(\"a\", 2)", new EntityKey("a", 2).ToString());
    }
}
