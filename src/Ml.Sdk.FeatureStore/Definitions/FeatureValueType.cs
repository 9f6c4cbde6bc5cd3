using System.Diagnostics.CodeAnalysis;

namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>The type of a join key or a feature, and the .NET type its values take.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name value types; that is what they are.")]
public enum FeatureValueType
{
    /// <summary>A 32-bit integer (<see cref="int"/>).</summary>
    Int32,

    /// <summary>A 64-bit integer (<see cref="long"/>).</summary>
    Int64,

    /// <summary>A single-precision number (<see cref="float"/>).</summary>
    Float32,

    /// <summary>A double-precision number (<see cref="double"/>).</summary>
    Float64,

    /// <summary>A Boolean (<see cref="bool"/>).</summary>
    Bool,

    /// <summary>A string (<see cref="string"/>).</summary>
    String,
}
