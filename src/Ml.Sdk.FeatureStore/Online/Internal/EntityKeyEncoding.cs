using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// The stored form of an entity key: its join key values one after another, each a <see cref="TaggedValue"/> (a type
/// tag, then the value in its own width or length-prefixed).
/// </summary>
/// <remarks>
/// Every value is self-delimiting (a fixed width per tag, or a length prefix), so the concatenation decodes one way only:
/// <c>1</c>, <c>1L</c> and <c>"1"</c> differ by tag, and no string content can imitate a boundary. The encoding does not
/// depend on the view's join key types, so that rows written through different versions of a view (which share storage
/// by name) can never collide. Floating-point keys are normalized as <see cref="EntityKey"/> equality is: -0 as +0 and
/// every NaN as one NaN.
/// </remarks>
internal static class EntityKeyEncoding
{
    /// <summary>Encodes validated key values (non-null, of a supported type).</summary>
    public static byte[] Encode(IReadOnlyList<object?> values)
    {
        int size = 0;
        for (int i = 0; i < values.Count; i++)
        {
            size += TaggedValue.Size(values[i]);
        }

        byte[] buffer = new byte[size];
        Span<byte> span = buffer;
        int position = 0;
        for (int i = 0; i < values.Count; i++)
        {
            position += TaggedValue.Write(span[position..], Normalize(values[i]));
        }

        return buffer;
    }

    /// <summary>The key value as <see cref="EntityKey"/> equality sees it: -0 as +0, every NaN as one NaN.</summary>
    private static object? Normalize(object? value) => value switch
    {
        float f => float.IsNaN(f) ? float.NaN : f == 0f ? 0f : f,
        double d => double.IsNaN(d) ? double.NaN : d == 0d ? 0d : d,
        _ => value,
    };
}
