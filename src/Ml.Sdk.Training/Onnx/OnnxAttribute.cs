using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Ml.Sdk.Training.Onnx.Internal.Proto;

namespace Ml.Sdk.Training.Onnx;

/// <summary>A named attribute of an ONNX node, such as <c>axis</c> or <c>kernel_shape</c>.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "ONNX calls these attributes; the name says which kind.")]
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The factories are named after the ONNX attribute types they create (INT, INTS, FLOAT, STRING).")]
public readonly record struct OnnxAttribute
{
    private readonly AttributeProto.Types.AttributeType _type;
    private readonly long _int;
    private readonly float _float;
    private readonly string? _string;
    private readonly ImmutableArray<long> _ints;

    private OnnxAttribute(string name, AttributeProto.Types.AttributeType type, long intValue = 0, float floatValue = 0,
        string? stringValue = null, ImmutableArray<long> intsValue = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _type = type;
        _int = intValue;
        _float = floatValue;
        _string = stringValue;
        _ints = intsValue;
    }

    /// <summary>Gets the attribute name.</summary>
    public string Name { get; }

    /// <summary>Creates an integer attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The attribute.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static OnnxAttribute Int(string name, long value) => new(name, AttributeProto.Types.AttributeType.Int, intValue: value);

    /// <summary>Creates an integer list attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="values">The values.</param>
    /// <returns>The attribute.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static OnnxAttribute Ints(string name, params long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(name, AttributeProto.Types.AttributeType.Ints, intsValue: [.. values]);
    }

    /// <summary>Creates a float attribute.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The attribute.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static OnnxAttribute Float(string name, float value) => new(name, AttributeProto.Types.AttributeType.Float, floatValue: value);

    /// <summary>Creates a string attribute (stored as UTF-8).</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The attribute.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public static OnnxAttribute String(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, AttributeProto.Types.AttributeType.String, stringValue: value);
    }

    /// <summary>Returns whether both attributes have the same name, type and value (lists compared element by element).</summary>
    /// <param name="other">The other attribute.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(OnnxAttribute other) =>
        string.Equals(Name, other.Name, StringComparison.Ordinal) && _type == other._type && _int == other._int &&
        _float.Equals(other._float) && string.Equals(_string, other._string, StringComparison.Ordinal) &&
        _ints.IsDefault == other._ints.IsDefault && (_ints.IsDefault || _ints.AsSpan().SequenceEqual(other._ints.AsSpan()));

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name, StringComparer.Ordinal);
        hash.Add(_type);
        hash.Add(_int);
        hash.Add(_float);
        hash.Add(_string, StringComparer.Ordinal);
        foreach (long value in _ints.IsDefault ? [] : _ints)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    internal AttributeProto ToProto()
    {
        if (Name is null)
        {
            throw new InvalidOperationException("An OnnxAttribute must be created through one of its factory methods.");
        }

        var proto = new AttributeProto { Name = Name, Type = _type };
        switch (_type)
        {
            case AttributeProto.Types.AttributeType.Int:
                proto.I = _int;
                break;
            case AttributeProto.Types.AttributeType.Ints:
                proto.Ints.AddRange(_ints);
                break;
            case AttributeProto.Types.AttributeType.Float:
                proto.F = _float;
                break;
            default:
                proto.S = Google.Protobuf.ByteString.CopyFromUtf8(_string);
                break;
        }

        return proto;
    }
}
