using System.ComponentModel;
using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Core.Tests.Devices;

public class ComputeDeviceTests
{
    [Theory]
    [InlineData("auto", ComputeDeviceKind.Auto, 0, "auto")]
    [InlineData("CPU", ComputeDeviceKind.Cpu, 0, "cpu")]
    [InlineData("cuda", ComputeDeviceKind.Cuda, 0, "cuda:0")]
    [InlineData(" cuda:3 ", ComputeDeviceKind.Cuda, 3, "cuda:3")]
    public void Parse_ValidText_RoundTrips(string text, ComputeDeviceKind kind, int index, string formatted)
    {
        ComputeDevice device = ComputeDevice.Parse(text);

        Assert.Equal(kind, device.Kind);
        Assert.Equal(index, device.Index);
        Assert.Equal(formatted, device.ToString());
        Assert.Equal(device, ComputeDevice.Parse(device.ToString()));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("")]
    public void Parse_InvalidText_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => ComputeDevice.Parse(text));
        Assert.False(ComputeDevice.TryParse(text, out _));
    }

    [Fact]
    public void Cuda_NegativeIndex_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeDevice.Cuda(-1));
    }

    [Fact]
    public void Defaults_AutoIsDefaultValue()
    {
        Assert.Equal(ComputeDevice.Auto, default);
        Assert.NotEqual(ComputeDevice.Cpu, ComputeDevice.Cuda(0));
        Assert.NotEqual(ComputeDevice.Cuda(0), ComputeDevice.Cuda(1));
    }

    [Fact]
    public void TypeConverter_ConvertsFromAndToText()
    {
        TypeConverter converter = TypeDescriptor.GetConverter(typeof(ComputeDevice));

        Assert.Equal(ComputeDevice.Cuda(1), converter.ConvertFromInvariantString("cuda:1"));
        Assert.Equal("cpu", converter.ConvertToInvariantString(ComputeDevice.Cpu));
    }
}
