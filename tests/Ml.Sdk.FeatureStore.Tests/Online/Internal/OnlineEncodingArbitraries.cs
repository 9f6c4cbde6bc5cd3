using FsCheck;
using FsCheck.Fluent;

namespace Ml.Sdk.FeatureStore.Tests.Online.Internal;

/// <summary>
/// Key and feature values drawn from small domains, so that near-collisions are common: 1 as int, long, float and string,
/// strings made of separator-like characters, signed zeros and NaN payloads.
/// </summary>
internal static class OnlineEncodingArbitraries
{
    public static Arbitrary<object[]> KeyValues() =>
        Gen.Choose(1, 3).SelectMany(count => KeyValue().ArrayOf(count)).ToArbitrary();

    /// <summary>Two keys of one length, often equal or one value apart.</summary>
    public static Arbitrary<(object[] First, object[] Second)> KeyPairs() =>
        Gen.Choose(1, 3).SelectMany(count =>
            KeyValue().ArrayOf(count).SelectMany(first =>
                Gen.Frequency(
                    (1, Gen.Constant(first)),
                    (2, Gen.Choose(0, count - 1).SelectMany(i => KeyValue().Select(v => Replace(first, i, v)))),
                    (1, KeyValue().ArrayOf(count)))
                .Select(second => (first, second))))
            .ToArbitrary();

    /// <summary>A value of any feature type or null, with bit patterns that equality would hide.</summary>
    public static Gen<object?> FeatureValue() =>
        Gen.OneOf(
            Gen.Constant<object?>(null),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => (object?)i),
            ArbMap.Default.GeneratorFor<long>().Select(l => (object?)l),
            ArbMap.Default.GeneratorFor<int>().Select(bits => (object?)BitConverter.Int32BitsToSingle(bits)),
            ArbMap.Default.GeneratorFor<long>().Select(bits => (object?)BitConverter.Int64BitsToDouble(bits)),
            Gen.Elements<object?>(-0.0f, float.NaN, float.NegativeInfinity, -0.0d, double.NaN, double.PositiveInfinity),
            Gen.Elements<object?>(true, false),
            Text().Select(s => (object?)s));

    private static Gen<object> KeyValue() =>
        Gen.OneOf(
            Gen.Choose(-2, 2).Select(i => (object)i),
            Gen.Choose(-2, 2).Select(i => (object)(long)i),
            Gen.Elements<object>(0f, -0f, 1f, float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_0001)),
            Gen.Elements<object>(0d, -0d, 1d, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001)),
            Gen.Elements<object>(true, false),
            Text().Select(s => (object)s));

    private static Gen<string> Text() =>
        Gen.Elements('1', '|', ':', '\0', 'a', 'é', '\u0001', '\u0080').ArrayOf().Select(chars => new string(chars));

    private static object[] Replace(object[] values, int index, object value)
    {
        object[] copy = (object[])values.Clone();
        copy[index] = value;
        return copy;
    }
}
