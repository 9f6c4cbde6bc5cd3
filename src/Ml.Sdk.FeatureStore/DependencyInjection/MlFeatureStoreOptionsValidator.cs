using Microsoft.Extensions.Options;

namespace Ml.Sdk.FeatureStore;

/// <summary>Validates the data-annotation rules of <see cref="MlFeatureStoreOptions"/> (source-generated, trimming-safe).</summary>
[OptionsValidator]
internal sealed partial class MlFeatureStoreOptionsValidator : IValidateOptions<MlFeatureStoreOptions>
{
}
