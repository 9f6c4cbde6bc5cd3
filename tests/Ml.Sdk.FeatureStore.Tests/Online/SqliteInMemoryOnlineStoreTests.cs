using Ml.Sdk.FeatureStore.Online;
using static Ml.Sdk.FeatureStore.Tests.Online.OnlineTestCatalog;

namespace Ml.Sdk.FeatureStore.Tests.Online;

/// <summary>The shared contract against a named in-memory SQLite database.</summary>
public sealed class SqliteInMemoryOnlineStoreTests : OnlineStoreContractTests
{
    private readonly string _name = "online-" + Guid.NewGuid().ToString("N");

    protected override async ValueTask<IOnlineStore> CreateStoreAsync() => await SqliteOnlineStore.OpenInMemoryAsync(_name);

    [Fact]
    public async Task OpenInMemoryAsync_SameNameWhileOpen_SharesTheDatabaseAndDisposeDropsIt()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);

        OnlineReadResult shared;
        await using (SqliteOnlineStore second = await SqliteOnlineStore.OpenInMemoryAsync(_name))
        {
            shared = await second.ReadAsync(Views.NoTtl, [Customer(1)], T0);
        }

        await Store.DisposeAsync();
        await using SqliteOnlineStore fresh = await SqliteOnlineStore.OpenInMemoryAsync(_name);
        OnlineReadResult dropped = await fresh.ReadAsync(Views.NoTtl, [Customer(1)], T0);

        Assert.Equal(0.5, shared.GetValue(0, 0));
        Assert.Equal(FeatureValueStatus.Missing, dropped.GetStatus(0, 0));
    }
}
