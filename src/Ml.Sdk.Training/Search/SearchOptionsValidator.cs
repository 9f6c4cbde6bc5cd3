using Microsoft.Extensions.Options;

namespace Ml.Sdk.Training.Search;

/// <summary>Checks the DataAnnotations of <see cref="SearchOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class SearchOptionsValidator : IValidateOptions<SearchOptions>
{
}
