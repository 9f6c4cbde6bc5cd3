using Microsoft.Extensions.Options;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>Checks <see cref="RedisOnlineStoreOptions"/>: the DataAnnotations, through generated code.</summary>
[OptionsValidator]
internal sealed partial class RedisOnlineStoreOptionsValidator : IValidateOptions<RedisOnlineStoreOptions>
{
}
