using Ml.Sdk.Core.Devices;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving;

/// <summary>One version of a served model as the server sees it.</summary>
public sealed record ServedVersionStatus
{
    /// <summary>Gets the version.</summary>
    public required int Version { get; init; }

    /// <summary>Gets the state.</summary>
    public required VersionState State { get; init; }

    /// <summary>Gets the error, for a failed version.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the device it runs on, once loaded.</summary>
    public ComputeDevice? Device { get; init; }

    /// <summary>Gets the signature read from the model, once loaded.</summary>
    public ModelSignature? Signature { get; init; }

    /// <summary>Gets whether requests are stacked into batches (every input and output has a dynamic batch dimension).</summary>
    public bool IsBatched { get; init; }

    /// <summary>Gets the requests waiting in its queue.</summary>
    public int QueueLength { get; init; }

    /// <summary>Gets the requests queued or running on it.</summary>
    public int InFlight { get; init; }

    /// <summary>Gets whether it answers requests by default (when routing picks no other version).</summary>
    public bool IsDefault { get; init; }
}
