using Microsoft.Extensions.Options;
using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Core.DependencyInjection;

/// <summary>Validates <see cref="MlCoreOptions"/> when the host starts.</summary>
internal sealed class MlCoreOptionsValidator : IValidateOptions<MlCoreOptions>
{
    public ValidateOptionsResult Validate(string? name, MlCoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Enum.IsDefined(options.DefaultDevice.Kind)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"MlCoreOptions.DefaultDevice has an undefined kind ({(int)options.DefaultDevice.Kind}).");
    }
}
