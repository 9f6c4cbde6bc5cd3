using System.Text;
using System.Text.Json;

namespace Ml.Sdk.Core.Tensors;

/// <summary>
/// Reads and writes a <see cref="ModelSignature"/> as JSON, the form the Registry stores:
/// <c>{"inputs":[{"name":"x","type":"float32","shape":[-1,32]}],"outputs":[...]}</c>.
/// </summary>
/// <remarks>Written by hand on <see cref="Utf8JsonWriter"/> so that it needs no reflection (trimming and AOT safe).</remarks>
public static class ModelSignatureJson
{
    /// <summary>Writes the signature as compact JSON.</summary>
    /// <param name="signature">The signature.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signature"/> is <see langword="null"/>.</exception>
    public static string Serialize(ModelSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            WriteSpecs(writer, "inputs", signature.Inputs);
            WriteSpecs(writer, "outputs", signature.Outputs);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Reads a signature written by <see cref="Serialize"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The signature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a valid signature; the message says which part.</exception>
    public static ModelSignature Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            return new ModelSignature(ReadSpecs(root, "inputs"), ReadSpecs(root, "outputs"));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"Not a valid model signature: {ex.Message}", ex);
        }
    }

    private static void WriteSpecs(Utf8JsonWriter writer, string property, IEnumerable<TensorSpec> specs)
    {
        writer.WriteStartArray(property);
        foreach (TensorSpec spec in specs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", spec.Name);
            writer.WriteString("type", TensorElementTypes.GetName(spec.ElementType));
            writer.WriteStartArray("shape");
            foreach (long dim in spec.Shape)
            {
                writer.WriteNumberValue(dim);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static List<TensorSpec> ReadSpecs(JsonElement root, string property)
    {
        var specs = new List<TensorSpec>();
        foreach (JsonElement item in root.GetProperty(property).EnumerateArray())
        {
            string name = item.GetProperty("name").GetString() ?? throw new FormatException($"A spec in '{property}' has a null name.");
            TensorElementType type = TensorElementTypes.Parse(item.GetProperty("type").GetString() ?? string.Empty);
            var shape = new List<long>();
            foreach (JsonElement dim in item.GetProperty("shape").EnumerateArray())
            {
                shape.Add(dim.GetInt64());
            }

            specs.Add(new TensorSpec(name, type, [.. shape]));
        }

        return specs;
    }
}
