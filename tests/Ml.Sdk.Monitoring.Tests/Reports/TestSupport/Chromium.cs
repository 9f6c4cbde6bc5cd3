using System.Diagnostics;

namespace Ml.Sdk.Monitoring.Tests.Reports.TestSupport;

/// <summary>Finds the <c>chromium</c> that eng/bootstrap.sh installs and runs it headless.</summary>
internal static class Chromium
{
    public const string MissingReason =
        "chromium is not installed (or not on PATH): run eng/bootstrap.sh, which installs the Debian package 'chromium'.";

    // Generous: a cold start on a busy two-core CI machine takes tens of seconds; a hang still ends the test.
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    public static string? ExecutablePath { get; } = Locate();

    /// <summary>Runs chromium headless on <paramref name="page"/> with a profile of its own, so parallel runs never share one.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunHeadlessAsync(string page, string workFolder, params string[] action)
    {
        string executable = ExecutablePath ?? throw new InvalidOperationException(MissingReason);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--headless");
        start.ArgumentList.Add("--no-sandbox");
        start.ArgumentList.Add("--disable-gpu");
        start.ArgumentList.Add("--hide-scrollbars");
        start.ArgumentList.Add("--window-size=1280,1600");
        start.ArgumentList.Add("--no-first-run");
        start.ArgumentList.Add("--user-data-dir=" + Path.Combine(workFolder, "profile-" + Guid.NewGuid().ToString("N")));
        foreach (string argument in action)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(new Uri(page).AbsoluteUri);

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium {string.Join(' ', action)} did not finish within {s_timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string? Locate()
    {
        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string folder in folders.Append("/usr/bin"))
        {
            string candidate = Path.Combine(folder, "chromium");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
