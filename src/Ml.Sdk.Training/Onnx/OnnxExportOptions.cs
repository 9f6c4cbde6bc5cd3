using System.ComponentModel.DataAnnotations;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Training.Onnx;

/// <summary>How <see cref="OnnxExporter"/> writes a model.</summary>
public sealed class OnnxExportOptions
{
    /// <summary>The lowest operator set version the exporter writes.</summary>
    public const int MinOpset = 17;

    /// <summary>The highest operator set version the exporter writes.</summary>
    public const int MaxOpset = 21;

    /// <summary>
    /// Gets or sets the model input: its name, element type (float32) and shape, whose first dimension must be
    /// <see cref="TensorSpec.DynamicDimension"/> (the batch) and whose other dimensions must be fixed.
    /// </summary>
    /// <value>Required; no default.</value>
    [Required]
    public required TensorSpec Input { get; set; }

    /// <summary>Gets or sets the name of the model's output.</summary>
    /// <value>Defaults to <c>output</c>.</value>
    [Required]
    public string OutputName { get; set; } = "output";

    /// <summary>Gets or sets the ONNX operator set version to write, from <see cref="MinOpset"/> to <see cref="MaxOpset"/>.</summary>
    /// <value>Defaults to 17.</value>
    [Range(MinOpset, MaxOpset)]
    public int Opset { get; set; } = MinOpset;

    /// <summary>Gets or sets the graph name stored in the model.</summary>
    /// <value>Defaults to <c>model</c>.</value>
    [Required]
    public string ModelName { get; set; } = "model";

    /// <summary>Gets or sets a description stored as the model's doc string.</summary>
    /// <value>Defaults to <see langword="null"/> (none).</value>
    public string? Description { get; set; }

    /// <summary>
    /// Gets converters for module types the exporter does not know (or to replace a built-in mapping); they are
    /// consulted in order, before the built-in converters.
    /// </summary>
    /// <value>Defaults to an empty list.</value>
    public IList<IOnnxModuleConverter> Converters { get; } = new List<IOnnxModuleConverter>();

    /// <summary>
    /// Gets extra key-value pairs stored in the model's metadata (ONNX <c>metadata_props</c>), next to the signature
    /// under <see cref="OnnxExporter.SignatureMetadataKey"/>, which may not be used here.
    /// </summary>
    /// <value>Defaults to an empty dictionary.</value>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
