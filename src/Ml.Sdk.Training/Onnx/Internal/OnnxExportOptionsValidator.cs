using Microsoft.Extensions.Options;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>The data-annotation rules of <see cref="OnnxExportOptions"/>, checked without reflection.</summary>
[OptionsValidator]
internal sealed partial class OnnxExportOptionsValidator : IValidateOptions<OnnxExportOptions>
{
}
