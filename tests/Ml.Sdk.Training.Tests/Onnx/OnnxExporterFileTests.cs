using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.Training.Onnx;
using static TorchSharp.torch.nn;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxExporterFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ml-sdk-onnx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Export_ToPath_WritesLoadableModelAndNoTemporaryFile()
    {
        using var model = Sequential(Linear(3, 2));
        string path = Path.Combine(_folder, "model.onnx");

        OnnxExportResult result = new OnnxExporter().Export(model, path, OrtComparison.Options([3]));

        using var session = new InferenceSession(path);
        Assert.Equal([-1, 2], session.OutputMetadata[result.Signature.Outputs[0].Name].Dimensions);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Export_ToExistingPath_ReplacesTheFile()
    {
        using var model = Sequential(Linear(3, 2));
        string path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "not a model");

        new OnnxExporter().Export(model, path, OrtComparison.Options([3]));

        using var session = new InferenceSession(path);
        Assert.Single(session.InputMetadata);
    }

    [Fact]
    public void Export_UnsupportedModuleToNewPath_CreatesNoFile()
    {
        using var model = Sequential(Linear(3, 2), Embedding(4, 2));
        string path = Path.Combine(_folder, "model.onnx");

        Assert.Throws<OnnxExportException>(() => new OnnxExporter().Export(model, path, OrtComparison.Options([3])));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Export_UnsupportedModuleToExistingPath_LeavesTheOldFileUntouched()
    {
        using var model = Sequential(Linear(3, 2), Embedding(4, 2));
        string path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "previous model");

        Assert.Throws<OnnxExportException>(() => new OnnxExporter().Export(model, path, OrtComparison.Options([3])));

        Assert.Equal("previous model", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Export_ToMissingFolder_ThrowsDirectoryNotFound()
    {
        using var model = Sequential(Linear(3, 2));
        string path = Path.Combine(_folder, "missing", "model.onnx");

        Assert.Throws<DirectoryNotFoundException>(() => new OnnxExporter().Export(model, path, OrtComparison.Options([3])));
    }
}
