using Ml.Sdk.Registry.Naming;

namespace Ml.Sdk.Registry.Tests.Naming;

public class NameRulesTests
{
    [Theory]
    [InlineData("fraud")]
    [InlineData("fraud-v2.onnx")]
    [InlineData("Customer_Stats.7")]
    [InlineData("0day")]
    public void Validate_GoodNames_Pass(string name)
    {
        NameRules.Validate(name, "model name");

        Assert.True(NameRules.IsValid(name));
    }

    [Theory]
    [InlineData(null, "it is empty")]
    [InlineData("", "it is empty")]
    [InlineData("..", "must start with a letter or digit")]
    [InlineData("a..b", "contains '..'")]
    [InlineData("../etc/passwd", "must start with a letter or digit")]
    [InlineData("a/b", "contains '/'")]
    [InlineData("a\\b", "contains '\\'")]
    [InlineData("fraud@champion", "contains '@'")]
    [InlineData("tab\there", "control character U+0009")]
    [InlineData("nul\0", "control character U+0000")]
    [InlineData("space name", "contains ' '")]
    [InlineData("naïve", "contains 'ï'")]
    [InlineData("-dash", "must start with a letter or digit")]
    public void Validate_BadNames_ThrowSayingWhy(string? name, string reason)
    {
        var ex = Assert.Throws<InvalidNameException>(() => NameRules.Validate(name, "model name"));

        Assert.Contains("Invalid model name", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal("name", ex.ParamName);
        Assert.False(NameRules.IsValid(name));
    }

    [Fact]
    public void Validate_OverLongName_Throws()
    {
        NameRules.Validate(new string('a', NameRules.MaxLength), "model name");

        var ex = Assert.Throws<InvalidNameException>(() => NameRules.Validate(new string('a', NameRules.MaxLength + 1), "model name"));

        Assert.Contains("129 characters, more than 128", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ControlCharacters_AreEscapedInTheMessage()
    {
        var ex = Assert.Throws<InvalidNameException>(() => NameRules.Validate("a\u001bb", "alias"));

        Assert.Contains("'a\\u001Bb'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateValue_AllowsTextButNotControlCharactersOrHugeValues()
    {
        NameRules.ValidateValue("multi\nline\tvalue with spaces and ünïcode", "tag value");

        Assert.Throws<InvalidNameException>(() => NameRules.ValidateValue(null, "tag value"));
        Assert.Throws<InvalidNameException>(() => NameRules.ValidateValue("bell\u0007", "tag value"));
        Assert.Throws<InvalidNameException>(() => NameRules.ValidateValue(new string('x', NameRules.MaxValueLength + 1), "tag value"));
    }
}
