using Microsoft.Extensions.Options;

namespace Ml.Sdk.Monitoring;

/// <summary>Validates the data-annotation ranges of <see cref="MlMonitoringOptions"/> (source-generated, trimming-safe).</summary>
[OptionsValidator]
internal sealed partial class MlMonitoringOptionsValidator : IValidateOptions<MlMonitoringOptions>
{
}
