using System.ComponentModel;
using System.Globalization;

namespace Ml.Sdk.Core.Devices;

/// <summary>Converts <see cref="ComputeDevice"/> to and from text, so that it binds from configuration.</summary>
public sealed class ComputeDeviceConverter : TypeConverter
{
    /// <inheritdoc />
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc />
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? ComputeDevice.Parse(text) : base.ConvertFrom(context, culture, value);

    /// <inheritdoc />
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is ComputeDevice device
            ? device.ToString()
            : base.ConvertTo(context, culture, value, destinationType);
}
