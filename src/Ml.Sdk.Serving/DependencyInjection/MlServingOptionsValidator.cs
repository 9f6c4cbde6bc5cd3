using Microsoft.Extensions.Options;

namespace Ml.Sdk.Serving;

/// <summary>Validates the data-annotation ranges of <see cref="MlServingOptions"/> (source-generated, trimming-safe).</summary>
[OptionsValidator]
internal sealed partial class MlServingOptionsValidator : IValidateOptions<MlServingOptions>
{
}
