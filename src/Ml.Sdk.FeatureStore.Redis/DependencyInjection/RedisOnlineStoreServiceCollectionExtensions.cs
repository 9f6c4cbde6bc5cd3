using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Ml.Sdk.FeatureStore.Online;
using Ml.Sdk.FeatureStore.Online.Internal;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis online store as the app's <see cref="IOnlineStore"/>.</summary>
public static class RedisOnlineStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="RedisOnlineStore"/> singleton that connects with a configuration string and owns the
    /// connection, as <see cref="IOnlineStore"/> (replacing any earlier <see cref="IOnlineStore"/> registration). The
    /// connection opens when the store is first resolved; the container closes it when it disposes the store.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string, e.g. <c>redis:6379,password=...</c>.</param>
    /// <param name="configure">Configures <see cref="RedisOnlineStoreOptions"/>; null keeps the defaults.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="ArgumentException">The configuration is empty or not a valid configuration string.</exception>
    public static IServiceCollection AddRedisOnlineStore(
        this IServiceCollection services,
        string configuration,
        Action<RedisOnlineStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);

        // Parsed now so that a malformed string fails at registration rather than at the first read.
        ConfigurationOptions parsed = ConfigurationOptions.Parse(configuration);
        return services.AddRedisOnlineStoreCore(
            configure,
            provider => new RedisOnlineStore(ConnectionMultiplexer.Connect(parsed.Clone()), OptionsOf(provider), ownsMultiplexer: true));
    }

    /// <summary>
    /// Registers a <see cref="RedisOnlineStore"/> singleton over a multiplexer that the app owns (typically its own
    /// <see cref="IConnectionMultiplexer"/> singleton), as <see cref="IOnlineStore"/> (replacing any earlier
    /// <see cref="IOnlineStore"/> registration). Disposing the store leaves the multiplexer open.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="multiplexer">Gets the multiplexer, once, when the store is first resolved.</param>
    /// <param name="configure">Configures <see cref="RedisOnlineStoreOptions"/>; null keeps the defaults.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="multiplexer"/> is null.</exception>
    public static IServiceCollection AddRedisOnlineStore(
        this IServiceCollection services,
        Func<IServiceProvider, IConnectionMultiplexer> multiplexer,
        Action<RedisOnlineStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(multiplexer);
        return services.AddRedisOnlineStoreCore(
            configure,
            provider => new RedisOnlineStore(multiplexer(provider), OptionsOf(provider), ownsMultiplexer: false));
    }

    private static IServiceCollection AddRedisOnlineStoreCore(
        this IServiceCollection services,
        Action<RedisOnlineStoreOptions>? configure,
        Func<IServiceProvider, RedisOnlineStore> create)
    {
        OptionsBuilder<RedisOnlineStoreOptions> options = services.AddOptions<RedisOnlineStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisOnlineStoreOptions>, RedisOnlineStoreOptionsValidator>());

        // A second call replaces the first store rather than adding another.
        services.RemoveAll<RedisOnlineStore>();
        services.RemoveAll<IOnlineStore>();
        services.AddSingleton(create);
        services.AddSingleton<IOnlineStore>(static provider => provider.GetRequiredService<RedisOnlineStore>());
        return services;
    }

    private static RedisOnlineStoreOptions OptionsOf(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<RedisOnlineStoreOptions>>().Value;
}
