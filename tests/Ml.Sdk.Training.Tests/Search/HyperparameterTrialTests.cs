using Ml.Sdk.Training.Search;

namespace Ml.Sdk.Training.Tests.Search;

public sealed class HyperparameterTrialTests
{
    private static readonly HyperparameterTrial s_trial = new(
        3, "run", new Dictionary<string, object> { ["lr"] = 0.01, ["layers"] = 4, ["optimizer"] = "adam" });

    [Fact]
    public void Getters_MatchingTypes_ReturnTheValues()
    {
        Assert.Equal(0.01, s_trial.GetDouble("lr"));
        Assert.Equal(4, s_trial.GetInt("layers"));
        Assert.Equal("adam", s_trial.GetString("optimizer"));
    }

    [Fact]
    public void GetDouble_IntParameter_Widens()
    {
        Assert.Equal(4.0, s_trial.GetDouble("layers"));
    }

    [Fact]
    public void GetInt_DoubleParameter_ThrowsNamingParameterAndType()
    {
        InvalidCastException ex = Assert.Throws<InvalidCastException>(() => s_trial.GetInt("lr"));

        Assert.Contains("'lr'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Double", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetString_IntParameter_Throws()
    {
        Assert.Throws<InvalidCastException>(() => s_trial.GetString("layers"));
    }

    [Fact]
    public void GetDouble_UnknownName_ThrowsListingTheKnownOnes()
    {
        KeyNotFoundException ex = Assert.Throws<KeyNotFoundException>(() => s_trial.GetDouble("learning_rate"));

        Assert.Contains("'learning_rate'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lr, layers, optimizer", ex.Message, StringComparison.Ordinal);
    }
}
