using Microsoft.Extensions.Options;

namespace Ml.Sdk.Serving;

/// <summary>Checks the rules of <see cref="MlServingOptions"/> that attributes cannot express.</summary>
internal sealed class MlServingOptionsRangeValidator : IValidateOptions<MlServingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MlServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxQueueDelay < TimeSpan.Zero || options.MaxQueueDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"MlServingOptions.MaxQueueDelay is {options.MaxQueueDelay}; it must be 0 to 10 seconds.");
        }

        if (options.RequestTimeout is TimeSpan timeout && timeout <= TimeSpan.Zero)
        {
            failures.Add($"MlServingOptions.RequestTimeout is {timeout}; it must be positive (or null for none).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
