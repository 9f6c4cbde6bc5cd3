using Microsoft.Extensions.Options;
using Ml.Sdk.Registry.Naming;

namespace Ml.Sdk.Training.Search;

/// <summary>The rules of <see cref="SearchOptions"/> that attributes cannot express: a defined strategy and tracker-valid names.</summary>
internal sealed class SearchOptionsRulesValidator : IValidateOptions<SearchOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Strategy))
        {
            failures.Add($"SearchOptions.Strategy {(int)options.Strategy} is not a defined SearchStrategy.");
        }

        if (options.ExperimentName is not null && !NameRules.IsValid(options.ExperimentName))
        {
            failures.Add($"SearchOptions.ExperimentName '{options.ExperimentName}' is not a valid experiment name (see NameRules).");
        }

        if (options.Metric is not null && !NameRules.IsValid(options.Metric))
        {
            failures.Add($"SearchOptions.Metric '{options.Metric}' is not a valid metric name (see NameRules).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
