using TorchSharp;

namespace Ml.Sdk.Training.Onnx;

/// <summary>
/// A model, or a part of it, cannot be exported to ONNX: a module type no converter handles, or a configuration of a
/// supported module that ONNX (or the exporter) cannot express. Nothing has been written to the destination.
/// </summary>
public sealed class OnnxExportException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public OnnxExportException()
        : this("The model cannot be exported to ONNX.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public OnnxExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public OnnxExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that names the offending module.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="moduleType">The module's type name, such as <c>TorchSharp.Modules.Embedding</c>.</param>
    /// <param name="modulePath">
    /// The module's path in the model, built from <c>named_children</c> names (such as <c>features.3</c>); empty for
    /// the model itself.
    /// </param>
    /// <param name="innerException">The cause, if any.</param>
    public OnnxExportException(string message, string moduleType, string modulePath, Exception? innerException = null)
        : base(message, innerException)
    {
        ModuleType = moduleType;
        ModulePath = modulePath;
    }

    /// <summary>Gets the offending module's type name, or <see langword="null"/> when no single module is at fault.</summary>
    public string? ModuleType { get; }

    /// <summary>
    /// Gets the offending module's path in the model (such as <c>features.3</c>; empty for the model itself), or
    /// <see langword="null"/> when no single module is at fault.
    /// </summary>
    public string? ModulePath { get; }

    internal static OnnxExportException ForModule(torch.nn.Module module, string modulePath, string reason, Exception? innerException = null)
    {
        string type = module.GetType().FullName ?? module.GetType().Name;
        string where = modulePath.Length == 0 ? "the model itself" : $"module '{modulePath}'";
        return new OnnxExportException($"Cannot export {where} ({type}) to ONNX: {reason}", type, modulePath, innerException);
    }
}
