using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Core.Tests.Tensors;

public class ModelSignatureTests
{
    private static ModelSignature Fraud() => new(
        [TensorSpec.Create<float>("features", -1, 8), TensorSpec.Create<long>("merchant", -1, 1)],
        [TensorSpec.Create<float>("probabilities", -1, 2)]);

    [Fact]
    public void GetInput_UnknownName_ListsTheInputsItHas()
    {
        var ex = Assert.Throws<TensorValidationException>(() => Fraud().GetInput("feature"));

        Assert.Equal("feature", ex.TensorName);
        Assert.Contains("features: float32[-1,8]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("merchant: int64[-1,1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateInputNames_MissingUnknownOrRepeated_NamesTheInput()
    {
        ModelSignature signature = Fraud();

        signature.ValidateInputNames(["merchant", "features"]);
        Assert.Equal("merchant", Assert.Throws<TensorValidationException>(() => signature.ValidateInputNames(["features"])).TensorName);
        Assert.Equal("extra", Assert.Throws<TensorValidationException>(() => signature.ValidateInputNames(["features", "merchant", "extra"])).TensorName);
        Assert.Equal("features", Assert.Throws<TensorValidationException>(() => signature.ValidateInputNames(["features", "features", "merchant"])).TensorName);
    }

    [Fact]
    public void ValidateInput_WrongDimension_Throws()
    {
        float[] data = new float[2 * 7];

        var ex = Assert.Throws<TensorValidationException>(() => Fraud().ValidateInput("features", TensorViews.View<float>(data, 2, 7)));

        Assert.Equal(1, ex.Dimension);
    }

    [Fact]
    public void Constructor_DuplicateOrMissingSpecs_Throws()
    {
        TensorSpec x = TensorSpec.Create<float>("x", -1, 1);

        Assert.Throws<ArgumentException>(() => new ModelSignature([x, x], [x]));
        Assert.Throws<ArgumentException>(() => new ModelSignature([], [x]));
        Assert.Throws<ArgumentException>(() => new ModelSignature([x], []));
        Assert.Throws<ArgumentNullException>(() => new ModelSignature([x, null!], [x]));
    }

    [Fact]
    public void Json_RoundTrip_PreservesEverything()
    {
        ModelSignature signature = Fraud();

        string json = ModelSignatureJson.Serialize(signature);
        ModelSignature back = ModelSignatureJson.Deserialize(json);

        Assert.Equal(signature, back);
        Assert.Equal(signature.GetHashCode(), back.GetHashCode());
        Assert.Equal(
            """{"inputs":[{"name":"features","type":"float32","shape":[-1,8]},{"name":"merchant","type":"int64","shape":[-1,1]}],"outputs":[{"name":"probabilities","type":"float32","shape":[-1,2]}]}""",
            json);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"inputs":[]}""")]
    [InlineData("""{"inputs":[{"name":"x","type":"float99","shape":[1]}],"outputs":[{"name":"y","type":"float32","shape":[1]}]}""")]
    [InlineData("""{"inputs":[{"name":"x","type":"float32","shape":[-5]}],"outputs":[{"name":"y","type":"float32","shape":[1]}]}""")]
    public void Json_Malformed_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => ModelSignatureJson.Deserialize(json));
    }
}
