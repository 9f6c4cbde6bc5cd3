using Microsoft.Extensions.Options;

namespace Ml.Sdk.Registry;

/// <summary>The rules of <see cref="RegistryOptions"/> that attributes cannot express in a trimming-safe way.</summary>
internal sealed class RegistryOptionsRangeValidator : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            failures.Add($"RegistryOptions.BusyTimeout must be positive (was {options.BusyTimeout}).");
        }

        if (options.ChangePollInterval <= TimeSpan.Zero)
        {
            failures.Add($"RegistryOptions.ChangePollInterval must be positive (was {options.ChangePollInterval}).");
        }

        if (options.MaxArtifactBytes < 1)
        {
            failures.Add($"RegistryOptions.MaxArtifactBytes must be at least 1 (was {options.MaxArtifactBytes}).");
        }

        if (options.RootPath is { Length: > 0 } root && root.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"RegistryOptions.RootPath '{root}' contains characters that are invalid in a path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
