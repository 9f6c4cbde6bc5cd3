using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Monitoring.Drift.Internal;

namespace Ml.Sdk.Monitoring.Tests.Drift;

public class FloatRadixSortTests
{
    [Property(Arbitrary = [typeof(RadixSortArbitraries)], MaxTest = 200)]
    public Property Sort_AnyFloatsWithoutNaN_MatchesArraySort(RadixInput input)
    {
        float[] expected = (float[])input.Values.Clone();
        Array.Sort(expected);
        float[] actual = (float[])input.Values.Clone();

        FloatRadixSort.Sort(actual);

        // Array.Sort treats -0 and +0 as equal and may leave them in any order, so compare values, then check that the
        // radix sort kept every bit pattern and put -0 before +0.
        bool sameValues = expected.AsSpan().SequenceEqual(actual);
        bool sameBits = input.Values.Select(BitConverter.SingleToInt32Bits).Order()
            .SequenceEqual(actual.Select(BitConverter.SingleToInt32Bits).Order());
        bool zerosOrdered = true;
        for (int i = 1; i < actual.Length; i++)
        {
            if (actual[i] == 0 && actual[i - 1] == 0 && float.IsPositive(actual[i - 1]) && float.IsNegative(actual[i]))
            {
                zerosOrdered = false;
            }
        }

        return (sameValues && sameBits && zerosOrdered).Label($"length {actual.Length}");
    }

    [Fact]
    public void Sort_NarrowRangeSkipsPasses_StillSorted()
    {
        var random = new Random(7);
        float[] values = new float[10_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = 1 + (random.Next(16) / 1024f);
        }

        float[] expected = (float[])values.Clone();
        Array.Sort(expected);

        FloatRadixSort.Sort(values);

        Assert.Equal(expected, values);
    }
}

public sealed record RadixInput(float[] Values);

public static class RadixSortArbitraries
{
    private static readonly float[] s_special =
    [
        0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, 1.0e-40f, -1.0e-40f,
        float.MaxValue, float.MinValue, 1f, -1f,
    ];

    public static Arbitrary<RadixInput> Inputs()
    {
        Gen<float> any = Gen.Choose(int.MinValue, int.MaxValue)
            .Select(BitConverter.Int32BitsToSingle)
            .Where(x => !float.IsNaN(x));
        Gen<float> value = Gen.Frequency(
            (4, any),
            (2, Gen.Elements(s_special)),
            (3, Gen.Choose(-1000, 1000).Select(x => x / 8f)));
        Gen<int> length = Gen.Frequency((1, Gen.Choose(0, 300)), (2, Gen.Choose(256, 5000)));
        return length.SelectMany(n => Gen.ArrayOf(value, n)).Select(values => new RadixInput(values)).ToArbitrary();
    }
}
