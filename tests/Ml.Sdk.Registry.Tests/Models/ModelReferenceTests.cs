using Ml.Sdk.Registry.Naming;

namespace Ml.Sdk.Registry.Tests.Models;

public class ModelReferenceTests
{
    [Theory]
    [InlineData("fraud", "fraud", null, null, "fraud@latest")]
    [InlineData("fraud@latest", "fraud", null, null, "fraud@latest")]
    [InlineData("fraud@champion", "fraud", null, "champion", "fraud@champion")]
    [InlineData("fraud/3", "fraud", 3, null, "fraud/3")]
    [InlineData("fraud-eu.v2/12", "fraud-eu.v2", 12, null, "fraud-eu.v2/12")]
    public void Parse_ValidReference_ReadsItsParts(string text, string name, int? version, string? alias, string formatted)
    {
        ModelReference reference = ModelReference.Parse(text);

        Assert.Equal((name, version, alias), (reference.Name, reference.Version, reference.Alias));
        Assert.Equal(formatted, reference.ToString());
        Assert.Equal(reference, ModelReference.Parse(formatted));
    }

    [Theory]
    [InlineData("")]
    [InlineData("fraud/0")]
    [InlineData("fraud/-1")]
    [InlineData("fraud/+1")]
    [InlineData("fraud/ 1")]
    [InlineData("fraud/x")]
    [InlineData("fraud/")]
    [InlineData("fraud@")]
    [InlineData("fraud@3")]
    [InlineData("fraud@a/b")]
    [InlineData("../x/1")]
    [InlineData("@champion")]
    [InlineData("fraud/99999999999")]
    public void Parse_InvalidReference_ThrowsInvalidName(string text)
    {
        Assert.Throws<InvalidNameException>(() => ModelReference.Parse(text));
        Assert.False(ModelReference.TryParse(text, out _));
    }
}
