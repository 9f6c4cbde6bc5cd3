using System.ComponentModel;
using System.Globalization;

namespace Ml.Sdk.Core.Devices;

/// <summary>
/// A device to compute on: <see cref="Auto"/>, <see cref="Cpu"/> or <see cref="Cuda(int)"/>. Parsed from and
/// formatted as <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:1</c>, so it binds from configuration.
/// </summary>
/// <remarks>
/// <see cref="ComputeDeviceResolver"/> turns a requested device into the one a runtime actually uses.
/// </remarks>
[TypeConverter(typeof(ComputeDeviceConverter))]
public readonly record struct ComputeDevice
{
    private ComputeDevice(ComputeDeviceKind kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    /// <summary>Gets CUDA when available, else the CPU.</summary>
    public static ComputeDevice Auto => default;

    /// <summary>Gets the CPU.</summary>
    public static ComputeDevice Cpu => new(ComputeDeviceKind.Cpu, 0);

    /// <summary>Gets the device kind.</summary>
    public ComputeDeviceKind Kind { get; }

    /// <summary>Gets the CUDA device ordinal; 0 for <see cref="ComputeDeviceKind.Auto"/> and <see cref="ComputeDeviceKind.Cpu"/>.</summary>
    public int Index { get; }

    /// <summary>Returns CUDA device <paramref name="index"/>.</summary>
    /// <param name="index">The CUDA device ordinal, 0 or more.</param>
    /// <returns>The device.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static ComputeDevice Cuda(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new ComputeDevice(ComputeDeviceKind.Cuda, index);
    }

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The device.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text names no device.</exception>
    public static ComputeDevice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out ComputeDevice device)
            ? device
            : throw new FormatException($"'{text}' is not a compute device; use auto, cpu, cuda or cuda:N.");
    }

    /// <summary>Tries to parse <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="device">The device, when parsed.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> names a device.</returns>
    public static bool TryParse(string? text, out ComputeDevice device)
    {
        device = default;
        ReadOnlySpan<char> value = text.AsSpan().Trim();
        if (value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            device = Auto;
            return true;
        }

        if (value.Equals("cpu", StringComparison.OrdinalIgnoreCase))
        {
            device = Cpu;
            return true;
        }

        if (value.Equals("cuda", StringComparison.OrdinalIgnoreCase))
        {
            device = Cuda();
            return true;
        }

        if (value.StartsWith("cuda:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value[5..], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            device = Cuda(index);
            return true;
        }

        return false;
    }

    /// <summary>Formats the device as <c>auto</c>, <c>cpu</c> or <c>cuda:N</c>.</summary>
    /// <returns>The formatted device.</returns>
    public override string ToString() => Kind switch
    {
        ComputeDeviceKind.Cpu => "cpu",
        ComputeDeviceKind.Cuda => string.Create(CultureInfo.InvariantCulture, $"cuda:{Index}"),
        _ => "auto",
    };
}
