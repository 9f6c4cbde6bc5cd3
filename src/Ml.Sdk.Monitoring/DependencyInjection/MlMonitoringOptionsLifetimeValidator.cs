using Microsoft.Extensions.Options;

namespace Ml.Sdk.Monitoring;

/// <summary>Checks the rules of <see cref="MlMonitoringOptions"/> that attributes cannot express.</summary>
internal sealed class MlMonitoringOptionsLifetimeValidator : IValidateOptions<MlMonitoringOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MlMonitoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PendingPredictionLifetime <= TimeSpan.Zero)
        {
            failures.Add($"MlMonitoringOptions.PendingPredictionLifetime is {options.PendingPredictionLifetime}; it must be positive.");
        }

        if (options.EarlyGroundTruthLifetime < TimeSpan.Zero)
        {
            failures.Add($"MlMonitoringOptions.EarlyGroundTruthLifetime is {options.EarlyGroundTruthLifetime}; it must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
