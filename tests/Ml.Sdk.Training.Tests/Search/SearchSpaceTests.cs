using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ml.Sdk.Training.Search;
using Ml.Sdk.Training.Search.Internal;

namespace Ml.Sdk.Training.Tests.Search;

public sealed class SearchSpaceTests
{
    [Property(MaxTest = 200)]
    public Property RandomPlan_AnyBoundsAndSeed_StaysWithinBounds() =>
        Prop.ForAll(Bounds(), ((double Low, double Width, double LogLow, double Decades, int IntLow, int IntSpan, int Seed) c) =>
        {
            double high = c.Low + c.Width;
            double logHigh = c.LogLow * Math.Pow(10, c.Decades);
            int intHigh = (int)Math.Min(int.MaxValue, (long)c.IntLow + c.IntSpan);
            SearchSpace space = new SearchSpace().Uniform("u", c.Low, high).LogUniform("l", c.LogLow, logHigh).IntRange("i", c.IntLow, intHigh);

            foreach (IReadOnlyDictionary<string, object> p in TrialPlan.Create(space, SearchStrategy.Random, 25, c.Seed))
            {
                Assert.InRange((double)p["u"], c.Low, high);
                Assert.InRange((double)p["l"], c.LogLow, logHigh);
                Assert.InRange((int)p["i"], c.IntLow, intHigh);
            }
        });

    [Property(MaxTest = 100)]
    public Property GridPlan_AnySizes_YieldsDistinctCombinationsUpToTheBudget() =>
        Prop.ForAll(GridSizes(), ((int[] Sizes, int MaxTrials) c) =>
        {
            var space = new SearchSpace();
            for (int d = 0; d < c.Sizes.Length; d++)
            {
                space.IntRange($"p{d}", 0, c.Sizes[d] - 1);
            }

            string[] points = TrialPlan.Create(space, SearchStrategy.Grid, c.MaxTrials, seed: 0)
                .Select(p => string.Join(",", p.Values))
                .ToArray();

            long total = c.Sizes.Aggregate(1L, (product, size) => product * size);
            Assert.Equal(Math.Min(total, c.MaxTrials), points.Length);
            Assert.Equal(points.Length, points.Distinct().Count());
        });

    [Fact]
    public void RandomPlan_LogUniform_SpreadsEvenlyOverDecades()
    {
        SearchSpace space = new SearchSpace().LogUniform("lr", 1e-6, 1e-2);

        double[] logs = TrialPlan.Create(space, SearchStrategy.Random, 4000, seed: 1).Select(p => Math.Log10((double)p["lr"])).ToArray();

        // Four decades, each about a quarter; a plain uniform draw would put ~99% in the top decade.
        for (int decade = -6; decade < -2; decade++)
        {
            double share = logs.Count(l => l >= decade && l < decade + 1) / (double)logs.Length;
            Assert.InRange(share, 0.21, 0.29);
        }
    }

    [Fact]
    public void GridPlan_IntRangeOfFullIntWidth_IsEnumeratedLazily()
    {
        SearchSpace space = new SearchSpace().IntRange("seed", int.MinValue, int.MaxValue);

        int[] values = TrialPlan.Create(space, SearchStrategy.Grid, 3, seed: 0).Select(p => (int)p["seed"]).ToArray();

        Assert.Equal([int.MinValue, int.MinValue + 1, int.MinValue + 2], values);
    }

    [Fact]
    public void Names_AreInDeclarationOrder()
    {
        SearchSpace space = new SearchSpace().Uniform("b", 0, 1).Choice("a", 1, 2).LogUniform("c", 1, 2);

        Assert.Equal(["b", "a", "c"], space.Names);
    }

    [Fact]
    public void Choice_TypedOverloads_KeepTheValueType()
    {
        SearchSpace space = new SearchSpace().Choice("d", 0.5, 1).Choice("i", 1, 2).Choice("s", "x");

        IReadOnlyDictionary<string, object> first = TrialPlan.Create(space, SearchStrategy.Grid, 1, 0).Single();

        Assert.IsType<double>(first["d"]);
        Assert.IsType<int>(first["i"]);
        Assert.IsType<string>(first["s"]);
    }

    [Fact]
    public void Declare_DuplicateName_ThrowsNamingIt()
    {
        var space = new SearchSpace().Uniform("lr", 0, 1);

        ArgumentException ex = Assert.Throws<ArgumentException>(() => space.IntRange("lr", 1, 2));

        Assert.Contains("'lr'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("name", ex.ParamName);
    }

    [Theory]
    [InlineData("uniform-reversed")]
    [InlineData("uniform-equal")]
    [InlineData("uniform-infinite")]
    [InlineData("uniform-overflow")]
    [InlineData("loguniform-zero")]
    [InlineData("loguniform-reversed")]
    [InlineData("intrange-reversed")]
    [InlineData("choice-empty")]
    [InlineData("choice-repeated")]
    [InlineData("choice-nan")]
    [InlineData("choice-control-character")]
    [InlineData("bad-name")]
    public void Declare_BadArguments_ThrowsArgumentException(string scenario)
    {
        var space = new SearchSpace();
        Action declare = scenario switch
        {
            "uniform-reversed" => () => space.Uniform("x", 1, 0),
            "uniform-equal" => () => space.Uniform("x", 1, 1),
            "uniform-infinite" => () => space.Uniform("x", 0, double.PositiveInfinity),
            "uniform-overflow" => () => space.Uniform("x", -double.MaxValue, double.MaxValue),
            "loguniform-zero" => () => space.LogUniform("x", 0, 1),
            "loguniform-reversed" => () => space.LogUniform("x", 1e-2, 1e-3),
            "intrange-reversed" => () => space.IntRange("x", 3, 2),
            "choice-empty" => () => space.Choice("x", Array.Empty<int>()),
            "choice-repeated" => () => space.Choice("x", "a", "b", "a"),
            "choice-nan" => () => space.Choice("x", 0.1, double.NaN),
            "choice-control-character" => () => space.Choice("x", "a\0b"),
            _ => () => space.Uniform("learning rate", 0, 1),
        };

        Assert.ThrowsAny<ArgumentException>(declare);
        Assert.Empty(space.Names);
    }

    private static Arbitrary<(double, double, double, double, int, int, int)> Bounds() =>
        (from low in Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0)
         from width in Gen.Choose(1, 1_000_000).Select(i => i / 1e4)
         from logLow in Gen.Choose(1, 1000).Select(i => i * 1e-7)
         from decades in Gen.Choose(1, 80).Select(i => i / 10.0)
         from intLow in Gen.Frequency((4, Gen.Choose(-1000, 1000)), (1, Gen.Constant(int.MaxValue - 3)), (1, Gen.Constant(int.MinValue)))
         from intSpan in Gen.Choose(0, 50)
         from seed in Gen.Choose(int.MinValue, int.MaxValue)
         select (low, width, logLow, decades, intLow, intSpan, seed)).ToArbitrary();

    private static Arbitrary<(int[] Sizes, int MaxTrials)> GridSizes() =>
        (from dimensions in Gen.Choose(0, 4)
         from sizes in Gen.Choose(1, 5).ArrayOf(dimensions)
         from maxTrials in Gen.Choose(1, 700)
         select (sizes, maxTrials)).ToArbitrary();
}
