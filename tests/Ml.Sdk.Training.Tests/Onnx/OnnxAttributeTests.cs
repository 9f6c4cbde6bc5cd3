using Ml.Sdk.Training.Onnx;
using Ml.Sdk.Training.Onnx.Internal.Proto;

namespace Ml.Sdk.Training.Tests.Onnx;

public sealed class OnnxAttributeTests
{
    [Fact]
    public void Equals_IntsWithSameValues_AreEqualWithSameHash()
    {
        OnnxAttribute a = OnnxAttribute.Ints("pads", 1, 2, 1, 2);
        OnnxAttribute b = OnnxAttribute.Ints("pads", 1, 2, 1, 2);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, OnnxAttribute.Ints("pads", 1, 2, 2, 1));
    }

    [Fact]
    public void ToProto_EachFactory_SetsTypeAndValue()
    {
        AttributeProto integer = OnnxAttribute.Int("axis", -1).ToProto();
        AttributeProto floating = OnnxAttribute.Float("alpha", 0.25f).ToProto();
        AttributeProto text = OnnxAttribute.String("approximate", "tanh").ToProto();
        AttributeProto list = OnnxAttribute.Ints("strides", 2, 3).ToProto();

        Assert.Equal((AttributeProto.Types.AttributeType.Int, -1L), (integer.Type, integer.I));
        Assert.Equal((AttributeProto.Types.AttributeType.Float, 0.25f), (floating.Type, floating.F));
        Assert.Equal((AttributeProto.Types.AttributeType.String, "tanh"), (text.Type, text.S.ToStringUtf8()));
        Assert.Equal(AttributeProto.Types.AttributeType.Ints, list.Type);
        Assert.Equal([2L, 3L], list.Ints);
    }

    [Fact]
    public void ToProto_DefaultValue_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => default(OnnxAttribute).ToProto());
    }
}
