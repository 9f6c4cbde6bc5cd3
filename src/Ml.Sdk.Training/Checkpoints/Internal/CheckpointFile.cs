using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Checkpoints.Internal;

/// <summary>
/// The checkpoint file: magic, format version, SHA-256 of the payload, then the payload (length-prefixed JSON header,
/// the model's state dictionary in TorchSharp's format, the optimizer's state). Written to a temp file and renamed.
/// </summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "MLSDKCKP"u8;

    public static void Write(string path, CheckpointHeader header, torch.nn.Module model, OptimizerHelper optimizer)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(header, CheckpointJson.Default.CheckpointHeader);
            writer.Write(json.Length);
            writer.Write(json);
            model.save(writer);
            optimizer.save_state_dict(writer);
        }

        ReadOnlySpan<byte> body = payload.GetBuffer().AsSpan(0, checked((int)payload.Length));
        byte[] hash = SHA256.HashData(body);
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temp = fullPath + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(Magic);
                Span<byte> version = stackalloc byte[sizeof(int)];
                BitConverter.TryWriteBytes(version, FormatVersion);
                file.Write(version);
                file.Write(hash);
                file.Write(body);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads and verifies a checkpoint; returns its header and a reader positioned at the model's state.</summary>
    public static (CheckpointHeader Header, BinaryReader Tensors) Open(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new FileNotFoundException($"The checkpoint '{path}' does not exist.", path, ex);
        }

        int prefix = Magic.Length + sizeof(int) + SHA256.HashSizeInBytes;
        if (bytes.Length < prefix || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not an Ml.Sdk checkpoint (its first bytes are not the checkpoint signature).");
        }

        int version = BitConverter.ToInt32(bytes, Magic.Length);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"The checkpoint '{path}' has format version {version}; this version of Ml.Sdk.Training reads version {FormatVersion}.");
        }

        ReadOnlySpan<byte> stored = bytes.AsSpan(Magic.Length + sizeof(int), SHA256.HashSizeInBytes);
        byte[] computed = SHA256.HashData(bytes.AsSpan(prefix));
        if (!stored.SequenceEqual(computed))
        {
            throw new InvalidDataException(
                $"The checkpoint '{path}' is corrupt or truncated: its SHA-256 should be {Convert.ToHexStringLower(stored)} " +
                $"but is {Convert.ToHexStringLower(computed)}.");
        }

        var reader = new BinaryReader(new MemoryStream(bytes, prefix, bytes.Length - prefix, writable: false), Encoding.UTF8);
        try
        {
            int headerLength = reader.ReadInt32();
            CheckpointHeader header = JsonSerializer.Deserialize(reader.ReadBytes(headerLength), CheckpointJson.Default.CheckpointHeader)
                ?? throw new InvalidDataException($"The checkpoint '{path}' has an empty header.");
            return (header, reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public static List<ParameterShape> DescribeState(torch.nn.Module model)
    {
        Dictionary<string, torch.Tensor> state = model.state_dict();
        var shapes = new List<ParameterShape>(state.Count);
        foreach ((string name, torch.Tensor tensor) in state)
        {
            shapes.Add(new ParameterShape(name, tensor.shape));
        }

        return shapes;
    }

    /// <summary>Throws <see cref="CheckpointMismatchException"/> naming the first entry where the checkpoint and the model differ.</summary>
    public static void EnsureSameArchitecture(string path, IReadOnlyList<ParameterShape> saved, IReadOnlyList<ParameterShape> model)
    {
        int common = Math.Min(saved.Count, model.Count);
        for (int i = 0; i < common; i++)
        {
            if (!string.Equals(saved[i].Name, model[i].Name, StringComparison.Ordinal))
            {
                throw Mismatch(path, model[i].Name, $"the checkpoint's state entry {i} is '{saved[i].Name}' {Format(saved[i].Shape)} but the model's is '{model[i].Name}' {Format(model[i].Shape)}");
            }

            if (!saved[i].Shape.AsSpan().SequenceEqual(model[i].Shape))
            {
                throw Mismatch(path, model[i].Name, $"parameter '{model[i].Name}' has shape {Format(saved[i].Shape)} in the checkpoint but {Format(model[i].Shape)} in the model");
            }
        }

        if (saved.Count != model.Count)
        {
            ParameterShape first = saved.Count > model.Count ? saved[common] : model[common];
            string side = saved.Count > model.Count ? "only the checkpoint" : "only the model";
            throw Mismatch(path, first.Name, $"'{first.Name}' {Format(first.Shape)} is in {side} ({saved.Count} state entries in the checkpoint, {model.Count} in the model)");
        }
    }

    public static string Format(long[] shape) => "[" + string.Join(", ", shape.Select(static d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static CheckpointMismatchException Mismatch(string path, string parameter, string detail) =>
        new($"The checkpoint '{path}' is from a different architecture: {detail}.")
        {
            CheckpointPath = path,
            ParameterName = parameter,
        };
}
