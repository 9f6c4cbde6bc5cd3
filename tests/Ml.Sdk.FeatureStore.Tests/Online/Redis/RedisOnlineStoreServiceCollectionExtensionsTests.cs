using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ml.Sdk.FeatureStore.Online;
using Ml.Sdk.FeatureStore.Tests.TestSupport;
using StackExchange.Redis;
using static Ml.Sdk.FeatureStore.Tests.Online.OnlineTestCatalog;

namespace Ml.Sdk.FeatureStore.Tests.Online.Redis;

/// <summary>AddRedisOnlineStore on a real ServiceCollection and a redis-server of this class's own.</summary>
public sealed class RedisOnlineStoreServiceCollectionExtensionsTests(RedisTestServer server) : IClassFixture<RedisTestServer>
{
    private readonly string _prefix = $"di:{Guid.NewGuid():N}:";
    private readonly OnlineTestCatalog _views = new();

    [Fact]
    public async Task AddRedisOnlineStore_ConfigurationString_ReplacesAnEarlierOnlineStoreAndAppliesTheOptions()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IOnlineStore>(static _ => throw new InvalidOperationException("The earlier store should have been replaced."));

        services.AddRedisOnlineStore(server.Configuration, o => o.KeyPrefix = _prefix);

        Assert.Single(services, d => d.ServiceType == typeof(IOnlineStore));
        await using ServiceProvider provider = services.BuildServiceProvider(validateScopes: true);
        IOnlineStore store = provider.GetRequiredService<IOnlineStore>();
        RedisOnlineStore redis = Assert.IsType<RedisOnlineStore>(store);
        Assert.Same(redis, provider.GetRequiredService<RedisOnlineStore>());
        Assert.Equal(_prefix, redis.KeyPrefix);
        await store.WriteAsync(_views.NoTtl, [Score(1, T0, 0.5)]);
        await using RedisOnlineStore direct = await RedisOnlineStore.ConnectAsync(server.Configuration, new RedisOnlineStoreOptions { KeyPrefix = _prefix });
        Assert.Equal(0.5, (await direct.ReadAsync(_views.NoTtl, [Customer(1)], T0)).GetValue(0, 0));
    }

    [Fact]
    public async Task AddRedisOnlineStore_CalledTwice_RegistersOneStoreWithTheLastConfiguration()
    {
        var services = new ServiceCollection();

        services.AddRedisOnlineStore("unreachable.invalid:1,abortConnect=true");
        services.AddRedisOnlineStore(server.Configuration, o => o.KeyPrefix = _prefix);

        Assert.Single(services, d => d.ServiceType == typeof(IOnlineStore));
        Assert.Single(services, d => d.ServiceType == typeof(RedisOnlineStore));
        await using ServiceProvider provider = services.BuildServiceProvider();
        IOnlineStore store = provider.GetRequiredService<IOnlineStore>();
        Assert.Equal(new OnlineWriteResult(1, 0), await store.WriteAsync(_views.NoTtl, [Score(1, T0, 0.5)]));
    }

    [Fact]
    public async Task AddRedisOnlineStore_MultiplexerFactory_UsesItAndDisposingTheContainerLeavesItOpen()
    {
        await using ConnectionMultiplexer multiplexer = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        services.AddRedisOnlineStore(static provider => provider.GetRequiredService<IConnectionMultiplexer>(), o => o.KeyPrefix = _prefix);

        IOnlineStore store;
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            store = provider.GetRequiredService<IOnlineStore>();
            await store.WriteAsync(_views.NoTtl, [Score(1, T0, 0.5)]);
        }

        // The container disposed the store (and would have disposed a multiplexer it had created, not this instance).
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ReadAsync(_views.NoTtl, [Customer(1)], T0));
        Assert.True(multiplexer.IsConnected);
        await using var again = new RedisOnlineStore(multiplexer, new RedisOnlineStoreOptions { KeyPrefix = _prefix });
        Assert.Equal(0.5, (await again.ReadAsync(_views.NoTtl, [Customer(1)], T0)).GetValue(0, 0));
    }

    [Fact]
    public async Task AddRedisOnlineStore_InvalidOptions_FailValidationWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddRedisOnlineStore(server.Configuration, static o => o.KeyPrefix = null!);
        await using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOnlineStore>());

        Assert.Contains(nameof(RedisOnlineStoreOptions.KeyPrefix), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRedisOnlineStore_MalformedConfigurationOrNulls_ThrowAtRegistration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddRedisOnlineStore("localhost,notAnOption=1"));
        Assert.Throws<ArgumentException>(() => services.AddRedisOnlineStore(" "));
        Assert.Throws<ArgumentNullException>(() => services.AddRedisOnlineStore((Func<IServiceProvider, IConnectionMultiplexer>)null!));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddRedisOnlineStore(server.Configuration));
        Assert.Empty(services);
    }
}
