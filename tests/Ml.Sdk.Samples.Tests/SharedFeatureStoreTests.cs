using SharedFeatureStore;

namespace Ml.Sdk.Samples.Tests;

/// <summary>The shared-backend sample end to end, on a throwaway redis-server (installed by eng/bootstrap.sh).</summary>
public sealed class SharedFeatureStoreTests
{
    [Fact]
    public async Task SharedFeatureStore_TwoHostsOnOneRedis_ServeWhatTheOtherMaterialized()
    {
        var output = new StringWriter();

        int exitCode = await SharedFeatureStoreApp.RunAsync([], output);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("serving host reads what the batch host materialized: customer 1: 40, customer 2: 25, customer 3: Missing", text, StringComparison.Ordinal);
        Assert.Contains("after a newer day and a late older write: customer 1: 55, customer 2: 25, customer 3: 10 (1 stale row(s) kept out)", text, StringComparison.Ordinal);
        Assert.Contains("SharedFeatureStore succeeded", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedFeatureStore_UnknownArgument_PrintsUsage()
    {
        var output = new StringWriter();

        int exitCode = await SharedFeatureStoreApp.RunAsync(["--nope"], output);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage: SharedFeatureStore [--redis host:port]", output.ToString(), StringComparison.Ordinal);
    }
}
