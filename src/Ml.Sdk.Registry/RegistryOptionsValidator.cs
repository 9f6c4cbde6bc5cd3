using Microsoft.Extensions.Options;

namespace Ml.Sdk.Registry;

/// <summary>Checks <see cref="RegistryOptions"/> at start: the DataAnnotations, then the rules they cannot express.</summary>
[OptionsValidator]
internal sealed partial class RegistryOptionsValidator : IValidateOptions<RegistryOptions>
{
}
