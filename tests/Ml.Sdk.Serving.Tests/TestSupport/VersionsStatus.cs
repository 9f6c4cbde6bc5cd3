namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>Readable summaries of a model's status for assertion messages, and the ready versions.</summary>
internal static class VersionsStatus
{
    public static int[] Ready(ServedModelStatus status) =>
        [.. status.Versions.Where(static v => v.State == VersionState.Ready).Select(static v => v.Version)];

    public static ServedVersionStatus Version(ServedModelStatus status, int version) =>
        status.Versions.SingleOrDefault(v => v.Version == version)
            ?? throw new Xunit.Sdk.XunitException($"Version {version} is not in the status: {Describe(status)}");

    public static string Describe(ServedModelStatus status) =>
        $"ready={status.IsReady}, default={status.DefaultVersion}, lastError={status.LastError ?? "none"}, versions=[" +
        string.Join("; ", status.Versions.Select(static v => $"{v.Version} {v.State}{(v.IsDefault ? " default" : "")}{(v.Error is null ? "" : " (" + v.Error + ")")}")) + "]";
}
