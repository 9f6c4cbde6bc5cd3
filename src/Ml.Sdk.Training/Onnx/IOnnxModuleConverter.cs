using System.Diagnostics.CodeAnalysis;
using TorchSharp;

namespace Ml.Sdk.Training.Onnx;

/// <summary>
/// Turns one TorchSharp module into ONNX nodes. Add your own to <see cref="OnnxExportOptions.Converters"/> to export
/// module types the exporter does not know; yours are consulted before the built-in ones, so they can also replace a
/// built-in mapping.
/// </summary>
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "TorchSharp's own name for a layer; 'module' reads naturally to its users.")]
public interface IOnnxModuleConverter
{
    /// <summary>Returns whether this converter handles <paramref name="module"/>.</summary>
    /// <param name="module">A module of the model being exported.</param>
    /// <returns><see langword="true"/> to have <see cref="Convert"/> called for it.</returns>
    bool CanConvert(torch.nn.Module module);

    /// <summary>Adds the nodes that compute <paramref name="module"/>'s forward pass in eval mode.</summary>
    /// <param name="graph">The graph being built.</param>
    /// <param name="module">The module, one for which <see cref="CanConvert"/> returned <see langword="true"/>.</param>
    /// <param name="input">The name of the value the module receives.</param>
    /// <param name="modulePath">The module's path in the model (such as <c>features.3</c>), for names and errors.</param>
    /// <returns>The name of the value holding the module's output (may be <paramref name="input"/> for an identity).</returns>
    /// <exception cref="OnnxExportException">The module's configuration cannot be exported.</exception>
    string Convert(OnnxGraphBuilder graph, torch.nn.Module module, string input, string modulePath);
}
